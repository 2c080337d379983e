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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

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
     * How the pipeline should drive this classifier: calls in flight and tickets per call. The default,
     * {@link ClassifierLimits#cpuBound()}, suits classifiers that compute in the JVM; remote classifiers
     * declare {@link ClassifierLimits#remote(int, int)}. Composed classifiers keep their parts' limits.
     */
    default ClassifierLimits limits() {
        return ClassifierLimits.cpuBound();
    }

    /**
     * Classifies several tickets on the caller's thread; one result per ticket, each carrying its ticket's id (the
     * pipeline matches results by id: a missing answer, or two answers for one ticket, fails that ticket alone and an
     * answer for a ticket not in the call is ignored). A failure of one ticket
     * does not fail the others. The default calls {@link #classify} in a loop, and anything it throws (even an
     * {@link Error}) fails that ticket alone, as {@link ClassificationException#unexpected}; batching adapters
     * override it to send several tickets per request. A batch call that throws fails all its tickets (retryable).
     */
    default List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        List<ClassificationResult> results = new ArrayList<>(tickets.size());
        for (Ticket ticket : tickets) {
            try {
                results.add(ClassificationResult.success(ticket.id(), classify(ticket, taxonomy)));
            } catch (TriageException e) {
                results.add(ClassificationResult.failure(ticket.id(), e));
            } catch (Throwable thrown) {   // a bug or an Error in classify fails that ticket alone, not its batchmates
                results.add(ClassificationResult.failure(ticket.id(), ClassificationException.unexpected(name(), thrown)));
            }
        }
        return results;
    }

    /**
     * Classifies a batch of at most {@link ClassifierLimits#preferredBatchSize()} tickets without blocking the
     * caller; the stage completes with one result per ticket (matched by id, as in {@link #classifyAll}). The
     * pipeline keeps at most {@link ClassifierLimits#maxInFlight()} of these calls running.
     *
     * <p>The default runs the blocking form on {@code executor}: one task per ticket when the classifier prefers
     * one ticket per call (so a classifier that implements only {@link #classify} still gets its concurrency), else
     * one {@link #classifyAll} task for the batch. Asynchronous clients (OkHttp {@code enqueue}, SDK futures) override
     * it and ignore the executor. A stage completed exceptionally counts as a failure of every ticket in the batch;
     * a {@link dev.tickettriage.error.RateLimitedException} pauses the classifier.
     *
     * @param executor where blocking work may run; owned by the pipeline, sized to the declared in-flight limit
     */
    default CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor executor) {
        if (tickets.size() == 1 || limits().preferredBatchSize() > 1) {
            return CompletableFuture.supplyAsync(() -> classifyAll(tickets, taxonomy), executor);
        }
        List<CompletableFuture<List<ClassificationResult>>> parts = new ArrayList<>(tickets.size());
        for (Ticket ticket : tickets) {
            parts.add(CompletableFuture.supplyAsync(() -> classifyAll(List.of(ticket), taxonomy), executor)
                    .exceptionally(thrown -> List.of(ClassificationResult.failure(ticket.id(), ClassificationException.unexpected(name(), thrown)))));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            List<ClassificationResult> results = new ArrayList<>(tickets.size());
            for (CompletableFuture<List<ClassificationResult>> part : parts) results.addAll(part.join());
            return results;
        });
    }
}
