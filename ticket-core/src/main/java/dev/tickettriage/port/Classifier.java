package dev.tickettriage.port;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.TriageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Classifies tickets against a {@link Taxonomy}.
 *
 * <p>{@link #classify} returns a {@link Classification} whose category is one of the taxonomy's labels;
 * callers (the pipeline) still check, and an answer outside the taxonomy is never stored. Ticket text is
 * untrusted: implementations must not let it change the allowed labels or the output format. Failures are
 * {@link ClassificationException}s, retryable when trying again may help. {@link #capabilities()} names the
 * fields the classifier really fills (others get defaults such as NEUTRAL, MEDIUM, {@code und}).
 *
 * <p>Implementations are thread-safe. Implementations must pass {@code ClassifierContract} in ticket-testkit.
 */
public interface Classifier {

    /**
     * Classifies one ticket.
     *
     * @throws ClassificationException when the call failed
     */
    Classification classify(Ticket ticket, Taxonomy taxonomy);

    /** The fields this classifier fills with real values. */
    Set<ClassificationField> capabilities();

    /** A short stable name for logs and provenance, for example {@code rules} or {@code openai}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Whether this classifier fills {@code field}. */
    default boolean supports(ClassificationField field) {
        return capabilities().contains(field);
    }

    /**
     * Classifies several tickets; one result per ticket, in order. A failure of one ticket does not fail
     * the others. The default calls {@link #classify} in a loop; LLM adapters override it to send
     * several tickets per request.
     */
    default List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        List<ClassificationResult> results = new ArrayList<>(tickets.size());
        for (Ticket ticket : tickets) {
            try {
                results.add(ClassificationResult.success(ticket.id(), classify(ticket, taxonomy)));
            } catch (TriageException e) {
                results.add(ClassificationResult.failure(ticket.id(), e));
            }
        }
        return results;
    }
}
