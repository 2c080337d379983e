package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.CorrectedLabels;
import dev.tickettriage.domain.Correction;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TicketStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Query, pagination and stats checks of {@link TicketRepositoryContract}; not API. */
abstract class RepositoryQueryChecks extends RepositoryFieldChecks {

    private List<TicketId> matching(TicketQuery.Builder query) {
        return ids(repository.query(query.limit(TicketQuery.MAX_LIMIT).build()).items());
    }

    @Test
    void should_filter_by_status_when_query_names_statuses() {
        Ticket open = store();
        Ticket pending = repository.update(store().toBuilder().status(SupportStatus.PENDING).build());
        Ticket closed = repository.update(store().toBuilder().status(SupportStatus.CLOSED).build());

        assertThat(matching(TicketQuery.builder().status(SupportStatus.PENDING))).containsExactly(pending.id());
        assertThat(matching(TicketQuery.builder().status(SupportStatus.OPEN, SupportStatus.CLOSED)))
                .containsExactlyInAnyOrder(open.id(), closed.id());
    }

    @Test
    void should_filter_by_processing_state_when_query_names_states() {
        Ticket fresh = store();
        Ticket processed = store();
        repository.update(processed.toBuilder().processing(processed.processing().processed()).build());
        Ticket failed = store();
        repository.update(failed.toBuilder().processing(failed.processing().failed("gave up")).build());

        assertThat(matching(TicketQuery.builder().processingState(ProcessingState.PROCESSED))).containsExactly(processed.id());
        assertThat(matching(TicketQuery.builder().processingState(ProcessingState.NEW, ProcessingState.FAILED)))
                .containsExactlyInAnyOrder(fresh.id(), failed.id());
    }

    @Test
    void should_filter_by_category_sentiment_and_priority_when_classified() {
        Ticket card = store(TicketFixtures.aTicket().classifiedAs("card_arrival", Sentiment.NEUTRAL, Priority.LOW));
        Ticket refund = store(TicketFixtures.aTicket().classifiedAs("refund_not_showing_up", Sentiment.VERY_NEGATIVE, Priority.URGENT));
        Ticket stolen = store(TicketFixtures.aTicket().classifiedAs("lost_or_stolen_card", Sentiment.NEGATIVE, Priority.HIGH));
        store(TicketFixtures.aTicket());   // unclassified: matches no category, sentiment or priority filter

        assertThat(matching(TicketQuery.builder().category(Category.of("refund_not_showing_up")))).containsExactly(refund.id());
        assertThat(matching(TicketQuery.builder().category(Category.of("card_arrival"), Category.of("lost_or_stolen_card"))))
                .containsExactlyInAnyOrder(card.id(), stolen.id());
        assertThat(matching(TicketQuery.builder().sentiment(Sentiment.NEGATIVE, Sentiment.VERY_NEGATIVE)))
                .containsExactlyInAnyOrder(refund.id(), stolen.id());
        assertThat(matching(TicketQuery.builder().priority(Priority.LOW))).containsExactly(card.id());
        assertThat(matching(TicketQuery.builder().priority(Priority.HIGH).sentiment(Sentiment.VERY_NEGATIVE))).isEmpty();
    }

    @Test
    void should_filter_by_assignee_when_query_names_one() {
        Ticket alice = store(TicketFixtures.aTicket().withAssignee("alice"));
        store(TicketFixtures.aTicket().withAssignee("bob"));
        store(TicketFixtures.aTicket());

        assertThat(matching(TicketQuery.builder().assignee("alice"))).containsExactly(alice.id());
    }

    @Test
    void should_match_subject_or_body_ignoring_case_when_filtering_by_text() {
        Ticket inSubject = store(TicketFixtures.aTicket().withSubject("REFUND missing").withBody("See subject."));
        Ticket inBody = store(TicketFixtures.aTicket().withSubject(null).withBody("Where is my Refund? It has been days."));
        store(TicketFixtures.aTicket().withSubject("Card").withBody("My card has not arrived."));

        assertThat(matching(TicketQuery.builder().textContains("refund"))).containsExactlyInAnyOrder(inSubject.id(), inBody.id());
        assertThat(matching(TicketQuery.builder().textContains("rEfUnD mIsSiNg"))).containsExactly(inSubject.id());
    }

    @Test
    void should_treat_created_from_as_inclusive_and_created_before_as_exclusive() {
        List<Ticket> tickets = storeSeries(4);
        Instant from = tickets.get(1).createdAt();
        Instant before = tickets.get(3).createdAt();

        assertThat(matching(TicketQuery.builder().createdFrom(from).createdBefore(before)))
                .containsExactly(tickets.get(1).id(), tickets.get(2).id());
    }

    @Test
    void should_return_at_most_limit_items_oldest_first() {
        List<Ticket> tickets = storeSeries(10);

        Page<Ticket> page = repository.query(TicketQuery.builder().limit(3).build());

        assertThat(ids(page.items())).containsExactlyElementsOf(ids(tickets.subList(0, 3)));
        assertThat(page.hasNext()).isTrue();
    }

    @Test
    void should_page_without_gaps_or_duplicates_when_following_cursors_oldest_first() {
        List<Ticket> expected = storeSeriesWithTies();
        expected.sort(Comparator.comparing(Ticket::createdAt).thenComparing(Ticket::id));

        assertThat(pageThrough(TicketQuery.builder().limit(7).build())).containsExactlyElementsOf(ids(expected));
    }

    @Test
    void should_page_without_gaps_or_duplicates_when_following_cursors_newest_first() {
        List<Ticket> expected = storeSeriesWithTies();
        expected.sort(Comparator.comparing(Ticket::createdAt).thenComparing(Ticket::id).reversed());

        assertThat(pageThrough(TicketQuery.builder().limit(7).newestFirst().build())).containsExactlyElementsOf(ids(expected));
    }

    @Test
    void should_page_filtered_results_when_filter_and_cursor_combine() {
        List<Ticket> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Ticket ticket = store(TicketFixtures.aTicket().withAssignee(i % 3 == 0 ? "alice" : "bob"));
            if (i % 3 == 0) expected.add(ticket);
            clock.advance(Duration.ofMillis(5));
        }

        assertThat(pageThrough(TicketQuery.builder().assignee("alice").limit(2).build())).containsExactlyElementsOf(ids(expected));
    }

    @Test
    void should_return_empty_page_when_nothing_matches() {
        store();

        Page<Ticket> page = repository.query(TicketQuery.builder().assignee("nobody").build());

        assertThat(page.items()).isEmpty();
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void should_count_by_every_dimension_when_computing_stats() {
        store(TicketFixtures.aTicket().classifiedAs("card_arrival", Sentiment.NEUTRAL, Priority.LOW));
        store(TicketFixtures.aTicket().classifiedAs("card_arrival", Sentiment.NEGATIVE, Priority.HIGH));
        Ticket refund = store(TicketFixtures.aTicket().classifiedAs("refund_not_showing_up", Sentiment.NEGATIVE, Priority.HIGH));
        repository.update(refund.toBuilder().status(SupportStatus.RESOLVED).processing(refund.processing().processed()).build());
        store(TicketFixtures.aTicket());

        TicketStats stats = repository.stats(TicketQuery.builder().limit(1).build());

        assertThat(stats.total()).isEqualTo(4);
        assertThat(stats.count(SupportStatus.OPEN)).isEqualTo(3);
        assertThat(stats.count(SupportStatus.RESOLVED)).isEqualTo(1);
        assertThat(stats.count(ProcessingState.NEW)).isEqualTo(3);
        assertThat(stats.count(ProcessingState.PROCESSED)).isEqualTo(1);
        assertThat(stats.byCategory()).containsEntry(Category.of("card_arrival"), 2L)
                .containsEntry(Category.of("refund_not_showing_up"), 1L);
        assertThat(stats.bySentiment()).containsEntry(Sentiment.NEGATIVE, 2L).containsEntry(Sentiment.NEUTRAL, 1L);
        assertThat(stats.byPriority()).containsEntry(Priority.HIGH, 2L).containsEntry(Priority.LOW, 1L);
        assertThat(stats.byCategory().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
    }

    @Test
    void should_count_only_matching_tickets_when_stats_query_filters() {
        store(TicketFixtures.aTicket().withAssignee("alice").classifiedAs("card_arrival", Sentiment.NEUTRAL, Priority.LOW));
        store(TicketFixtures.aTicket().withAssignee("bob").classifiedAs("card_arrival", Sentiment.NEUTRAL, Priority.LOW));

        TicketStats stats = repository.stats(TicketQuery.builder().assignee("alice").build());

        assertThat(stats.total()).isEqualTo(1);
        assertThat(stats.byCategory()).containsEntry(Category.of("card_arrival"), 1L);
    }

    @Test
    void should_keep_the_correction_and_filter_corrected_tickets_when_a_person_corrected_one() {
        Ticket predicted = store(TicketFixtures.aTicket().classifiedAs("card_arrival", Sentiment.NEUTRAL, Priority.LOW));
        Correction correction = Correction.of(predicted.classification().orElseThrow(),
                CorrectedLabels.builder().category(Category.of("refund_not_showing_up")).priority(Priority.HIGH).build(),
                "agent:ana", clock.instant());
        Ticket corrected = repository.update(predicted.toBuilder().correction(correction).priority(Priority.HIGH).build());
        Ticket other = store(TicketFixtures.aTicket().classifiedAs("card_arrival", Sentiment.NEUTRAL, Priority.LOW));

        assertThat(repository.findById(corrected.id()).orElseThrow().correction()).contains(correction);
        assertThat(matching(TicketQuery.builder().corrected(true))).containsExactly(corrected.id());
        assertThat(matching(TicketQuery.builder().corrected(false))).containsExactly(other.id());
        assertThat(matching(TicketQuery.builder().corrected(true).category(Category.of("card_arrival"))))
                .as("category filters match the prediction, which a correction leaves as it was").containsExactly(corrected.id());
        assertThat(repository.stats(TicketQuery.builder().corrected(true).build()).total()).isEqualTo(1);
    }

    /** 15 tickets: five instants, three tickets created at each, so ordering must fall back to the id. */
    private List<Ticket> storeSeriesWithTies() {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) tickets.add(store());
            clock.advance(Duration.ofSeconds(1));
        }
        return tickets;
    }

    private List<TicketId> pageThrough(TicketQuery first) {
        List<TicketId> seen = new ArrayList<>();
        TicketQuery query = first;
        for (int pages = 0; pages < 100; pages++) {
            Page<Ticket> page = repository.query(query);
            assertThat(page.items().size()).isLessThanOrEqualTo(first.limit());
            seen.addAll(ids(page.items()));
            if (!page.hasNext()) return seen;
            query = query.next(page.next().orElseThrow());
        }
        throw new AssertionError("more than 100 pages: the cursor does not advance");
    }
}
