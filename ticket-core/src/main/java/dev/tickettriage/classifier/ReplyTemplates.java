package dev.tickettriage.classifier;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Language;
import java.util.Map;

/** Short first-response templates per default label, in English and Spanish; other labels get a generic one. */
final class ReplyTemplates {

    private static final Map<String, String> ENGLISH = Map.of(
            "billing", "Thanks for reaching out about your billing. We are checking the charges on your account and will get back to you shortly.",
            "technical", "Sorry about the trouble. Our technical team is looking into it; any screenshots or error messages help us fix it faster.",
            "account", "Thanks for contacting us about your account. For your security, please do not share your password; we will help you regain access.",
            "shipping", "Thanks for your message about your order. We are checking its status with the carrier and will update you soon.",
            "feedback", "Thank you for your feedback! We have shared it with our product team.",
            "complaint", "We are sorry about your experience. A team lead will review your case personally and reply as soon as possible.",
            "other", "Thanks for contacting us. An agent will review your message and reply shortly.");

    private static final Map<String, String> SPANISH = Map.of(
            "billing", "Gracias por escribirnos sobre tu facturación. Estamos revisando los cargos de tu cuenta y te responderemos en breve.",
            "technical", "Sentimos las molestias. Nuestro equipo técnico lo está revisando; las capturas o mensajes de error nos ayudan a resolverlo antes.",
            "account", "Gracias por contactarnos sobre tu cuenta. Por tu seguridad, no compartas tu contraseña; te ayudaremos a recuperar el acceso.",
            "shipping", "Gracias por tu mensaje sobre tu pedido. Estamos consultando su estado con el transportista y te avisaremos pronto.",
            "feedback", "¡Gracias por tus comentarios! Los hemos compartido con nuestro equipo de producto.",
            "complaint", "Lamentamos tu experiencia. Un responsable revisará tu caso personalmente y te responderá lo antes posible.",
            "other", "Gracias por contactarnos. Un agente revisará tu mensaje y te responderá en breve.");

    private ReplyTemplates() {
    }

    static String reply(Category category, String builtInLabel, Language language) {
        boolean spanish = language.primary().equals("es");
        String template = (spanish ? SPANISH : ENGLISH).get(builtInLabel);
        if (template != null) return template;
        String topic = CategoryRules.splitLabel(category.id());
        return spanish
                ? "Gracias por contactarnos sobre «" + topic + "». Un agente revisará tu solicitud en breve."
                : "Thanks for contacting us about \"" + topic + "\". An agent will review your request shortly.";
    }
}
