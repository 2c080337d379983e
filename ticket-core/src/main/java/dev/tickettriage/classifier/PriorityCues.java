package dev.tickettriage.classifier;

import dev.tickettriage.domain.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** English and Spanish phrases that signal urgency (or its absence), written for this project. */
final class PriorityCues {

    private static final Map<Priority, List<String>> CUES = Map.of(
            Priority.URGENT, List.of("outage", "down for everyone", "everything is down", "site is down", "system down",
                    "security breach", "data breach", "hacked", "legal action", "lawyer", "attorney", "sue", "lawsuit",
                    "fraud", "fraudulent", "emergency", "urgent", "asap", "immediately", "production down",
                    "urgente", "caida", "caido", "demanda", "abogado", "fraude", "emergencia", "inmediatamente",
                    "hackeada", "brecha de seguridad", "accion legal"),
            Priority.HIGH, List.of("refund", "cancel", "cancellation", "charged twice", "double charged", "not working",
                    "doesn't work", "does not work", "can't log in", "cannot log in", "locked out", "lost", "stolen",
                    "stranded", "missed", "cancelled", "canceled", "still waiting", "third time",
                    "no funciona", "reembolso", "cancelar", "cobraron dos veces", "no puedo entrar", "robada", "robado",
                    "perdido", "sigo esperando"),
            Priority.LOW, List.of("feature request", "suggestion", "suggest", "would be nice", "would be great", "thanks",
                    "thank you", "just wondering", "sugerencia", "sugiero", "seria genial", "gracias", "curiosidad"));

    /** A matched cue and its priority. */
    record Cue(String phrase, Priority priority) {
    }

    private static final PhraseIndex<Priority> INDEX = index();

    private PriorityCues() {
    }

    /** The cues found in the text, strongest priority first, each phrase once. */
    static List<Cue> find(TokenizedText text) {
        List<Cue> cues = new ArrayList<>();
        INDEX.forEachMatch(text, (entry, start) -> {
            Cue cue = new Cue(entry.display(), entry.payload());
            if (!cues.contains(cue)) cues.add(cue);
        });
        cues.sort((a, b) -> b.priority().compareTo(a.priority()));
        return cues;
    }

    private static PhraseIndex<Priority> index() {
        PhraseIndex.Builder<Priority> builder = PhraseIndex.builder();
        CUES.forEach((priority, phrases) -> phrases.forEach(phrase -> builder.add(phrase, priority)));
        return builder.build();
    }
}
