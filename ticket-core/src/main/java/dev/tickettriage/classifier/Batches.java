package dev.tickettriage.classifier;

import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.TriageException;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch plumbing shared by the composition wrappers: sends tickets to a part as batches of at most its preferred
 * size (blocking or asynchronous) and matches the answers to the tickets by id. A missing or duplicated id fails
 * that ticket alone (retryable); a foreign id is dropped, so one ticket's answer is never given to another.
 */
final class Batches {

    private static final Logger LOG = LoggerFactory.getLogger(Batches.class);

    private Batches() {
    }

    /**
     * {@code part.classifyAll} on the caller's thread per chunk of its preferred batch size; one result per ticket,
     * keyed by id in ticket order. A chunk call that throws a {@link TriageException} (say a batch request answered
     * 429) fails its tickets with it; other exceptions propagate.
     */
    static Map<TicketId, ClassificationResult> classify(Classifier part, List<Ticket> tickets, Taxonomy taxonomy) {
        Map<TicketId, ClassificationResult> results = new LinkedHashMap<>(capacity(tickets.size()));
        for (List<Ticket> chunk : chunks(tickets, part.limits().preferredBatchSize())) {
            try {
                results.putAll(match(part, chunk, part.classifyAll(chunk, taxonomy)));
            } catch (TriageException failure) {
                results.putAll(failAll(chunk, failure));
            }
        }
        return results;
    }

    /**
     * {@code part.classifyAllAsync} per chunk of its preferred batch size; completes with one result per ticket, keyed
     * by id in ticket order. A chunk whose stage fails with a {@link TriageException} fails its tickets with it; any
     * other throwable (a bug in host code) fails the returned stage, as it would unwrapped.
     */
    static CompletableFuture<Map<TicketId, ClassificationResult>> classifyAsync(Classifier part, List<Ticket> tickets,
                                                                                 Taxonomy taxonomy, Executor executor) {
        List<List<Ticket>> chunks = chunks(tickets, part.limits().preferredBatchSize());
        List<CompletableFuture<Map<TicketId, ClassificationResult>>> pending = new ArrayList<>(chunks.size());
        for (List<Ticket> chunk : chunks) {
            CompletableFuture<Map<TicketId, ClassificationResult>> answer;
            try {
                answer = part.classifyAllAsync(chunk, taxonomy, executor).toCompletableFuture()
                        .thenApply(results -> match(part, chunk, results));
            } catch (RuntimeException thrown) {   // a stage that could not even start counts as a failed stage
                answer = CompletableFuture.failedFuture(thrown);
            }
            pending.add(answer.handle((results, thrown) -> {
                if (thrown == null) return results;
                TriageException failure = triageFailure(thrown);
                if (failure == null) throw thrown instanceof CompletionException ? (CompletionException) thrown : new CompletionException(thrown);
                return failAll(chunk, failure);
            }));
        }
        return CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            Map<TicketId, ClassificationResult> results = new LinkedHashMap<>(capacity(tickets.size()));
            for (CompletableFuture<Map<TicketId, ClassificationResult>> chunk : pending) results.putAll(chunk.join());
            return results;
        });
    }

    /** The {@link TriageException} behind a stage failure, or null when something else was thrown. */
    /**
     * Runs {@code first} on the batch, then {@code second} (as one batch) on the tickets {@code again} picks from the
     * first results, whose answers replace theirs; results in ticket order.
     */
    static List<ClassificationResult> twoStage(Classifier first, Classifier second, List<Ticket> tickets, Taxonomy taxonomy,
                                               BiFunction<List<Ticket>, Map<TicketId, ClassificationResult>, List<Ticket>> again) {
        Map<TicketId, ClassificationResult> results = classify(first, tickets, taxonomy);
        List<Ticket> retry = again.apply(tickets, results);
        if (!retry.isEmpty()) results.putAll(classify(second, retry, taxonomy));
        return inOrder(tickets, results);
    }

    /** {@link #twoStage} without blocking: both stages use the parts' asynchronous form. */
    static CompletionStage<List<ClassificationResult>> twoStageAsync(Classifier first, Classifier second, List<Ticket> tickets,
            Taxonomy taxonomy, Executor executor,
            BiFunction<List<Ticket>, Map<TicketId, ClassificationResult>, List<Ticket>> again) {
        return classifyAsync(first, tickets, taxonomy, executor).thenCompose(results -> {
            List<Ticket> retry = again.apply(tickets, results);
            if (retry.isEmpty()) return CompletableFuture.completedFuture(inOrder(tickets, results));
            return classifyAsync(second, retry, taxonomy, executor).thenApply(answers -> {
                results.putAll(answers);
                return inOrder(tickets, results);
            });
        });
    }

    static @Nullable TriageException triageFailure(Throwable thrown) {
        Throwable cause = thrown;
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        return cause instanceof TriageException ? (TriageException) cause : null;
    }

    /** The answers to {@code tickets}, keyed by id in ticket order; see the class comment for odd ids. */
    static Map<TicketId, ClassificationResult> match(Classifier part, List<Ticket> tickets, @Nullable List<ClassificationResult> answers) {
        if (answers == null) {
            return failAll(tickets, ClassificationException.retryable("Classifier " + part.name() + " returned no results", (Throwable) null));
        }
        Map<TicketId, ClassificationResult> byId = new HashMap<>(capacity(answers.size()));
        Map<TicketId, Boolean> duplicated = new HashMap<>();
        for (ClassificationResult answer : answers) {
            if (answer == null) continue;
            if (byId.putIfAbsent(answer.ticketId(), answer) != null) duplicated.put(answer.ticketId(), Boolean.TRUE);
        }
        Map<TicketId, ClassificationResult> results = new LinkedHashMap<>(capacity(tickets.size()));
        int matched = 0;
        for (Ticket ticket : tickets) {
            ClassificationResult answer = byId.get(ticket.id());
            if (answer == null) {
                results.put(ticket.id(), ClassificationResult.failure(ticket.id(), ClassificationException.retryable(
                        "Classifier " + part.name() + " returned no result for this ticket", (Throwable) null)));
            } else if (duplicated.containsKey(ticket.id())) {
                matched++;
                results.put(ticket.id(), ClassificationResult.failure(ticket.id(), ClassificationException.retryable(
                        "Classifier " + part.name() + " returned several results for this ticket", (Throwable) null)));
            } else {
                matched++;
                results.put(ticket.id(), answer);
            }
        }
        if (matched < byId.size()) {
            LOG.debug("Classifier {} answered {} result(s) for tickets not in its batch; dropped", part.name(), byId.size() - matched);
        }
        return results;
    }

    static Map<TicketId, ClassificationResult> failAll(List<Ticket> tickets, TriageException failure) {
        Map<TicketId, ClassificationResult> results = new LinkedHashMap<>(capacity(tickets.size()));
        for (Ticket ticket : tickets) results.put(ticket.id(), ClassificationResult.failure(ticket.id(), failure));
        return results;
    }

    static List<List<Ticket>> chunks(List<Ticket> tickets, int size) {
        if (tickets.size() <= size) return List.of(tickets);
        List<List<Ticket>> chunks = new ArrayList<>((tickets.size() + size - 1) / size);
        for (int from = 0; from < tickets.size(); from += size) {
            chunks.add(List.copyOf(tickets.subList(from, Math.min(tickets.size(), from + size))));
        }
        return chunks;
    }

    /** The results for {@code tickets}, in their order, from {@code byId}. */
    static List<ClassificationResult> inOrder(List<Ticket> tickets, Map<TicketId, ClassificationResult> byId) {
        List<ClassificationResult> results = new ArrayList<>(tickets.size());
        for (Ticket ticket : tickets) {
            ClassificationResult result = byId.get(ticket.id());
            if (result == null) throw new IllegalStateException("no result for a ticket of the batch");   // every path fills every id
            results.add(result);
        }
        return results;
    }

    private static int capacity(int size) {
        return Math.max(4, (int) (size / 0.75f) + 1);
    }
}
