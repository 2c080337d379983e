package dev.tickettriage.testkit;

import dev.tickettriage.eval.EvaluationReport;
import dev.tickettriage.eval.LabelMetrics;
import java.time.Duration;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions for {@link EvaluationReport}s, for quality floors in tests:
 * {@code EvaluationAssertions.assertThat(report).hasAccuracyAtLeast(0.6).hasNoErrors();}
 */
public final class EvaluationAssertions extends AbstractAssert<EvaluationAssertions, EvaluationReport> {

    private EvaluationAssertions(EvaluationReport actual) {
        super(actual, EvaluationAssertions.class);
    }

    /** Starts an assertion on {@code report}. */
    public static EvaluationAssertions assertThat(EvaluationReport report) {
        return new EvaluationAssertions(report);
    }

    /** Checks accuracy() >= floor. */
    public EvaluationAssertions hasAccuracyAtLeast(double floor) {
        isNotNull();
        if (!(actual.accuracy() >= floor)) {
            failWithMessage("Expected accuracy of <%s> to be at least %s but was %s", actual.name(), format(floor), format(actual.accuracy()));
        }
        return this;
    }

    /** Checks macroF1() >= floor. */
    public EvaluationAssertions hasMacroF1AtLeast(double floor) {
        isNotNull();
        if (!(actual.macroF1() >= floor)) {
            failWithMessage("Expected macro-F1 of <%s> to be at least %s but was %s", actual.name(), format(floor), format(actual.macroF1()));
        }
        return this;
    }

    /** Checks the F1 of one label; fails when the label was never seen. */
    public EvaluationAssertions hasF1AtLeast(String label, double floor) {
        isNotNull();
        LabelMetrics metrics = actual.metrics(label).orElse(null);
        if (metrics == null) {
            failWithMessage("Expected label <%s> in <%s> but it was never seen", label, actual.name());
        } else if (!(metrics.f1() >= floor)) {
            failWithMessage("Expected F1 of label <%s> to be at least %s but was %s", label, format(floor), format(metrics.f1()));
        }
        return this;
    }

    /** Checks that no example failed. */
    public EvaluationAssertions hasNoErrors() {
        isNotNull();
        if (actual.errors() != 0) {
            failWithMessage("Expected no failed examples in <%s> but %s failed: %s", actual.name(), actual.errors(), actual.errorsByKind());
        }
        return this;
    }

    /** Checks the share of failed examples. */
    public EvaluationAssertions hasErrorRateAtMost(double ceiling) {
        isNotNull();
        double rate = actual.examples() == 0 ? 0 : (double) actual.errors() / actual.examples();
        if (!(rate <= ceiling)) {
            failWithMessage("Expected error rate of <%s> to be at most %s but was %s", actual.name(), format(ceiling), format(rate));
        }
        return this;
    }

    /** Checks that at least count examples were evaluated (guards against an empty slice). */
    public EvaluationAssertions hasExamplesAtLeast(long count) {
        isNotNull();
        if (actual.examples() < count) {
            failWithMessage("Expected at least %s examples in <%s> but there were %s", count, actual.name(), actual.examples());
        }
        return this;
    }

    /** Checks the p95 latency; for benchmarks and reports, not unit tests. */
    public EvaluationAssertions hasP95AtMost(Duration ceiling) {
        isNotNull();
        if (actual.p95().compareTo(ceiling) > 0) {
            failWithMessage("Expected p95 latency of <%s> to be at most %s but was %s", actual.name(), ceiling, actual.p95());
        }
        return this;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
