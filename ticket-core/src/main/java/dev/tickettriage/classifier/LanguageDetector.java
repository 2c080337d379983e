package dev.tickettriage.classifier;

import dev.tickettriage.domain.Language;
import java.util.Set;

/** Tells English from Spanish by stop-word profiles plus Spanish marks (ñ, ¿, ¡, accents). Stateless. */
final class LanguageDetector {

    /** Below this much evidence the answer is {@link Language#UNDETERMINED}. */
    static final double MIN_EVIDENCE = 2.0;

    private static final Set<String> ENGLISH = Set.of("the", "and", "is", "are", "my", "i", "you", "to", "of", "it",
            "not", "have", "has", "was", "with", "for", "this", "that", "can", "do", "please", "what", "how", "why",
            "been", "be", "on", "in", "at", "your", "we", "they", "would", "will", "did", "i'm", "don't", "can't",
            "it's", "there", "thanks", "hello", "hi", "just", "from", "but", "an", "get", "still", "when", "where",
            "if", "or", "our", "me", "am", "any", "all", "could", "should", "about", "which", "who");
    private static final Set<String> SPANISH = Set.of("el", "la", "los", "las", "de", "que", "y", "en", "un", "una",
            "es", "por", "para", "con", "mi", "mis", "su", "pero", "como", "esta", "estoy", "muy", "ya", "hay", "lo",
            "le", "se", "del", "al", "tengo", "quiero", "puedo", "hola", "gracias", "nunca", "desde", "sin", "porque",
            "cuando", "donde", "ha", "han", "fue", "son", "necesito", "ayer", "hoy", "todo", "nada", "usted", "ustedes",
            "poder", "puede", "pueden", "podria", "seria", "favor", "tiene", "tienen", "hacer", "estan", "ser", "mas",
            "tambien", "bien", "buenas", "buenos", "dias", "algo", "otro", "cual", "sus", "nos", "este", "ese");

    /** The detected language and the evidence for each side. */
    record Result(Language language, double english, double spanish) {
        double confidence() {
            double total = english + spanish;
            if (language.equals(Language.UNDETERMINED) || total == 0) return 0.3;
            double share = Math.max(english, spanish) / total;
            double amount = Math.min(1.0, total / 6.0);
            return Math.min(0.98, 0.4 + 0.55 * share * amount);
        }
    }

    private LanguageDetector() {
    }

    static Result detect(TokenizedText text) {
        double english = 0;
        double spanish = 1.5 * text.spanishPunctuation + 0.5 * Math.min(text.accentedLetters, 6);
        for (String word : text.words) {
            if (ENGLISH.contains(word)) english++;
            else if (SPANISH.contains(word)) spanish++;
        }
        Language language;
        if (english + spanish < MIN_EVIDENCE || english == spanish) language = Language.UNDETERMINED;
        else language = english > spanish ? Language.ENGLISH : Language.SPANISH;
        return new Result(language, english, spanish);
    }
}
