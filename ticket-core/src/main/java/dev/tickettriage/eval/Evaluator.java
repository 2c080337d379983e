package dev.tickettriage.eval;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.TriageException;
import dev.tickettriage.internal.Text;
import dev.tickettriage.port.Classifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Runs a classifier over labelled examples, one call per example, and builds an {@link EvaluationReport}.
 * A failed call (a {@link TriageException}, or text that cannot become a ticket) is counted as an error of
 * its kind and as a wrong answer; it is never thrown. Immutable and thread-safe; evaluations run on the
 * calling thread.
 *
 * <pre>{@code
 * EvaluationReport report = Evaluator.builder(classifier, taxonomy)
 *         .labels(LabelSelector.threeClassSentiment()).build().evaluate(examples);
 * }</pre>
 */
public final class Evaluator {

    private final Classifier classifier;
    private final Taxonomy taxonomy;
    private final LabelSelector selector;
    private final Clock clock;
    private final String name;

    private Evaluator(Builder builder) {
        this.classifier = builder.classifier;
        this.taxonomy = builder.taxonomy;
        this.selector = builder.selector;
        this.clock = builder.clock;
        this.name = builder.name == null ? classifier.name() : builder.name;
    }

    /** A builder for evaluating {@code classifier} against {@code taxonomy}. */
    public static Builder builder(Classifier classifier, Taxonomy taxonomy) {
        return new Builder(Objects.requireNonNull(classifier, "classifier"), Objects.requireNonNull(taxonomy, "taxonomy"));
    }

    /** Evaluates every example in order. */
    public EvaluationReport evaluate(List<LabeledExample> examples) {
        Objects.requireNonNull(examples, "examples");
        List<EvaluationReport.Outcome> outcomes = new ArrayList<>(examples.size());
        Map<String, Long> errors = new TreeMap<>();
        long tokens = 0;
        Instant createdAt = clock.instant();
        long number = 0;
        for (LabeledExample example : examples) {
            number++;
            Optional<Ticket> ticket = ticket(example.text(), number, createdAt);
            if (ticket.isEmpty()) {
                errors.merge("InvalidText", 1L, Long::sum);
                continue;
            }
            Instant start = clock.instant();
            Classification classification;
            try {
                classification = classifier.classify(ticket.get(), taxonomy);
            } catch (TriageException e) {
                errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                continue;
            }
            Duration latency = Duration.between(start, clock.instant());
            tokens += classification.provenance().tokenUsage().totalTokens();
            outcomes.add(new EvaluationReport.Outcome(selector.gold(example.label()), selector.label(classification),
                    latency.isNegative() ? Duration.ZERO : latency, selector.confidence(classification)));
        }
        return EvaluationReport.of(name, outcomes, tokens, errors);
    }

    /** A ticket with a deterministic id per example; empty when the text is blank or not valid Unicode. */
    private static Optional<Ticket> ticket(String text, long number, Instant createdAt) {
        Optional<String> clean = Text.sanitize(text).map(String::strip).filter(body -> !body.isEmpty());
        return clean.map(body -> Ticket.builder().id(TicketId.of(new UUID(0L, number))).createdAt(createdAt).body(body).build());
    }

    /** Builds an {@link Evaluator}; not thread-safe. */
    public static final class Builder {
        private final Classifier classifier;
        private final Taxonomy taxonomy;
        private LabelSelector selector = LabelSelector.category();
        private Clock clock = Clock.systemUTC();
        private @Nullable String name;

        private Builder(Classifier classifier, Taxonomy taxonomy) {
            this.classifier = classifier;
            this.taxonomy = taxonomy;
        }

        /** What to compare with the gold label; default {@link LabelSelector#category()}. */
        public Builder labels(LabelSelector selector) {
            this.selector = Objects.requireNonNull(selector, "selector");
            return this;
        }

        /** The clock that times each call; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The report's title; default the classifier's name. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** An evaluator with these settings. */
        public Evaluator build() {
            return new Evaluator(this);
        }
    }
}
