package dev.tickettriage.classifier;

import java.util.List;
import java.util.Map;

/**
 * English and Spanish keywords for the default support taxonomy's labels, written for this project.
 * A taxonomy gets the list of every built-in label it resolves (by label or alias).
 */
final class BuiltInKeywords {

    /** Keyword weight for the catch-all label: greetings should not beat a real topic. */
    static final double OTHER_WEIGHT = 0.5;

    static final Map<String, List<String>> BY_LABEL = Map.of(
            "billing", List.of(
                    "bill", "billing", "billed", "invoice", "charge", "charged", "charged twice", "double charged",
                    "overcharged", "refund", "refunded", "payment", "paid", "pay", "subscription", "renewal", "auto renew",
                    "credit card", "debit card", "card declined", "price", "pricing", "fee", "receipt", "billing cycle",
                    "discount", "coupon", "promo code", "tax", "vat", "money back", "transaction", "plan upgrade",
                    "factura", "facturacion", "cobro", "cobros", "cobraron", "cobrado", "cargo", "cobro doble",
                    "dos veces", "reembolso", "devolucion del dinero", "devuelvan el dinero", "pago", "pague",
                    "suscripcion", "tarjeta de credito", "precio", "tarifa", "recibo", "descuento", "cupon", "impuesto",
                    "iva", "mensualidad"),
            "technical", List.of(
                    "error", "bug", "crash", "crashes", "crashed", "freeze", "freezes", "frozen", "not working",
                    "doesn't work", "does not work", "stopped working", "broken", "outage", "is down", "slow",
                    "won't load", "not loading", "timeout", "error 500", "404", "exception", "glitch", "app", "website",
                    "install", "sync", "server", "api", "integration", "blank screen", "white screen",
                    "fallo", "falla", "no funciona", "no carga", "se cierra", "se cuelga", "caida", "caido", "lento",
                    "pantalla en blanco", "aplicacion", "pagina web", "servidor", "problema tecnico", "actualizacion"),
            "account", List.of(
                    "account", "login", "log in", "sign in", "password", "reset password", "forgot password", "username",
                    "email address", "2fa", "two factor", "verification code", "locked out", "locked", "profile",
                    "delete account", "close account", "hacked", "sign up", "register",
                    "cuenta", "contrasena", "iniciar sesion", "inicio de sesion", "no puedo entrar", "acceder", "usuario",
                    "correo", "perfil", "bloqueada", "bloqueado", "verificacion", "codigo", "registrarme",
                    "eliminar mi cuenta", "hackeada"),
            "shipping", List.of(
                    "order", "shipping", "shipment", "shipped", "delivery", "delivered", "deliver", "package", "parcel",
                    "tracking", "tracking number", "courier", "arrived", "hasn't arrived", "has not arrived",
                    "never arrived", "late delivery", "return", "exchange", "wrong item", "damaged", "missing item",
                    "shipping address", "dispatch", "dispatched",
                    "pedido", "envio", "entrega", "entregado", "paquete", "seguimiento", "numero de seguimiento",
                    "mensajero", "no ha llegado", "no llego", "devolver", "devolucion", "producto equivocado", "danado",
                    "direccion de envio", "repartidor"),
            "feedback", List.of(
                    "suggestion", "suggest", "feature", "feature request", "would be great", "would be nice",
                    "it would be", "please add", "dark mode", "idea", "improve", "improvement", "love", "awesome",
                    "great job", "well done", "recommend", "wish",
                    "sugerencia", "sugiero", "seria genial", "seria bueno", "estaria bien", "funcionalidad", "mejorar",
                    "mejora", "me encanta", "excelente", "felicidades", "recomiendo", "ojala"),
            "complaint", List.of(
                    "complaint", "complain", "unacceptable", "terrible", "horrible", "worst", "awful", "useless",
                    "ridiculous", "disappointed", "disappointing", "manager", "supervisor", "speak to a manager", "rude",
                    "incompetent", "never again", "formal complaint", "frustrated", "angry", "still waiting",
                    "third time", "waste of time", "no one answers", "nobody answers",
                    "queja", "quejarme", "reclamacion", "reclamo", "inaceptable", "pesimo", "pesima", "verguenza",
                    "indignante", "harto", "harta", "decepcionado", "decepcionada", "gerente", "encargado",
                    "maleducado", "grosero", "nunca mas", "incompetentes", "hoja de reclamaciones", "sigo esperando"),
            "other", List.of(
                    "hello", "hi", "question", "information", "info", "opening hours", "office", "location",
                    "phone number", "partnership", "careers",
                    "hola", "pregunta", "informacion", "horario", "oficina", "ubicacion", "telefono", "empleo"));

    private BuiltInKeywords() {
    }
}
