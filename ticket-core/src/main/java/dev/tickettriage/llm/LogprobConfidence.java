package dev.tickettriage.llm;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The probability the model gave its category label: the product of the probabilities of the tokens that spell the
 * label's value in the answer. Empty when the tokens do not spell the content exactly (the provider trimmed or
 * altered it) or no token covers the label: confidence then falls back to the model's own figure.
 */
final class LogprobConfidence {

    private static final Pattern CATEGORY_VALUE = Pattern.compile("\"category\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private LogprobConfidence() {
    }

    /** The label probability of the first {@code "category"} value at or after {@code from}. */
    static Optional<Double> category(String content, List<TokenLogprob> tokens, int from) {
        if (tokens.isEmpty() || from < 0) return Optional.empty();
        StringBuilder spelled = new StringBuilder(content.length());
        for (TokenLogprob token : tokens) spelled.append(token.token());
        if (!spelled.toString().equals(content)) return Optional.empty();
        Matcher matcher = CATEGORY_VALUE.matcher(content);
        if (!matcher.find(from)) return Optional.empty();
        int start = matcher.start(1);
        int end = matcher.end(1);
        if (end <= start) return Optional.empty();
        double sum = 0;
        boolean covered = false;
        int offset = 0;
        for (TokenLogprob token : tokens) {
            int tokenEnd = offset + token.token().length();
            if (tokenEnd > start && offset < end) {
                sum += token.logprob();
                covered = true;
            }
            if (offset >= end) break;
            offset = tokenEnd;
        }
        if (!covered) return Optional.empty();
        double probability = Math.exp(sum);
        return Optional.of(Math.max(0.0, Math.min(1.0, probability)));
    }

    /** Where the batch item of {@code ref} starts in {@code content}, or -1. */
    static int itemStart(String content, String ref) {
        Matcher matcher = Pattern.compile("\"ticket_id\"\\s*:\\s*\"" + Pattern.quote(ref) + "\"").matcher(content);
        return matcher.find() ? matcher.start() : -1;
    }
}
