package dev.tickettriage.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How often a candidate classifier agreed with the live one, per field, from a {@link ShadowClassifier}. Each field's
 * {@link EvaluationReport} treats the live answer as gold and the candidate's as the prediction: its
 * {@link EvaluationReport#accuracy() accuracy} is the agreement rate (a candidate failure counts as disagreement),
 * its {@link EvaluationReport#confusion(String, String) confusion(live, candidate)} shows where they differ, and its
 * tokens are the candidate's. Immutable and thread-safe.
 *
 * @param live            the live classifier's name
 * @param candidate       the candidate classifier's name
 * @param compared        tickets both answered
 * @param candidateErrors candidate failures by exception type name
 * @param dropped         tickets not shadowed because too many were pending (the live path never waits)
 * @param fields          one report per compared field, in order: {@code category}, {@code sentiment},
 *                        {@code priority}, {@code language}, then {@code fields.<name>} for the taxonomy's closed-set and
 *                        boolean custom fields
 */
public record ShadowReport(String live, String candidate, long compared, Map<String, Long> candidateErrors, long dropped,
                           Map<String, EvaluationReport> fields) {

    public ShadowReport {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(candidate, "candidate");
        candidateErrors = Map.copyOf(candidateErrors);
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** The compared fields' names. */
    public List<String> fieldNames() {
        return List.copyOf(fields.keySet());
    }

    /** The report of one field, if it was compared. */
    public Optional<EvaluationReport> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** The agreement rate of {@code name} in [0, 1]; 0 when nothing was compared. */
    public double agreement(String name) {
        return field(name).map(EvaluationReport::accuracy).orElse(0.0);
    }

    /** Candidate failures, all kinds. */
    public long candidateFailures() {
        return candidateErrors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line per field, then the category report (with its confusion matrix when it has at most 20 labels). */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("Shadow: ").append(candidate).append(" beside ").append(live).append('\n');
        out.append(String.format(Locale.ROOT, "compared %d, candidate failures %d, dropped %d%n", compared, candidateFailures(), dropped));
        for (Map.Entry<String, EvaluationReport> field : fields.entrySet()) {
            out.append(String.format(Locale.ROOT, "  %-24s agreement %.4f%n", field.getKey(), field.getValue().accuracy()));
        }
        field("category").ifPresent(report -> out.append('\n').append(report.toText()));
        return out.toString();
    }
}
