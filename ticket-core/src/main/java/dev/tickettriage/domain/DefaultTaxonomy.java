package dev.tickettriage.domain;

import java.util.List;

/** The default support taxonomy, English and Spanish. */
final class DefaultTaxonomy {

    static final Taxonomy INSTANCE = Taxonomy.builder()
            .version("support-default-1")
            .category("billing", "Charges, invoices, refunds, payment methods and subscriptions",
                    List.of("I was charged twice this month", "Where is my refund?", "Me cobraron dos veces la suscripción",
                            "Necesito la factura de octubre"),
                    List.of("payment", "payments", "invoice", "refund", "facturación", "facturacion", "pagos", "cobros"))
            .category("technical", "Errors, bugs, crashes, outages and things that do not work",
                    List.of("The app crashes when I open it", "I get error 500 on checkout", "La aplicación no funciona desde ayer",
                            "La página da error al iniciar"),
                    List.of("tech", "bug", "technical_issue", "técnico", "tecnico", "soporte técnico"))
            .category("account", "Login, password, profile, security and account access",
                    List.of("I cannot log in", "Reset my password", "No puedo entrar a mi cuenta", "Quiero cambiar mi correo"),
                    List.of("login", "access", "cuenta", "acceso"))
            .category("shipping", "Orders, deliveries, tracking, returns and exchanges",
                    List.of("My order has not arrived", "Where is my package?", "Mi pedido no ha llegado",
                            "Quiero devolver un producto"),
                    List.of("orders", "order", "delivery", "shipping_orders", "envío", "envio", "pedidos"))
            .category("feedback", "Suggestions, feature requests and praise about the product",
                    List.of("It would be great to have dark mode", "Love the new update!", "Sería genial poder exportar a PDF",
                            "Me encanta la aplicación"),
                    List.of("product_feedback", "feature_request", "suggestion", "sugerencia", "comentarios"))
            .category("complaint", "Dissatisfaction with service, staff or policy, threats to leave",
                    List.of("Your support is useless", "I want to speak to a manager", "Pésimo servicio, quiero una solución",
                            "Voy a poner una queja formal"),
                    List.of("complaints", "queja", "reclamación", "reclamacion", "reclamo"))
            .category("other", "Anything that fits no other category",
                    List.of("Hello", "Do you have an office in Madrid?", "Hola, una pregunta", "¿Cuál es su horario?"),
                    List.of("general", "otro", "otros"))
            .fallback("other")
            .build();

    private DefaultTaxonomy() {
    }
}
