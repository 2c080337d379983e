package dev.tickettriage.rules;

import static dev.tickettriage.rules.TestTickets.atCreation;
import static dev.tickettriage.rules.TestTickets.classification;
import static dev.tickettriage.rules.TestTickets.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AssignmentStrategyTest {

    private static final Ticket BILLING = ticket().classification(classification().build()).build();

    @Test
    void should_cycle_through_agents_when_round_robin() {
        AssignmentStrategy strategy = AssignmentStrategy.roundRobin(List.of("ana", "bo", "cy"));

        List<String> chosen = IntStream.range(0, 7).mapToObj(i -> strategy.choose(BILLING).orElseThrow()).toList();

        assertThat(chosen).containsExactly("ana", "bo", "cy", "ana", "bo", "cy", "ana");
    }

    @Test
    void should_give_each_agent_an_equal_share_when_round_robin_runs_concurrently() throws Exception {
        AssignmentStrategy strategy = AssignmentStrategy.roundRobin(List.of("ana", "bo", "cy", "di"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) calls.add(() -> strategy.choose(BILLING).orElseThrow());
            List<String> chosen = new ArrayList<>();
            for (Future<String> future : pool.invokeAll(calls)) chosen.add(future.get());

            assertThat(chosen.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                    .containsOnly(Map.entry("ana", 1_000L), Map.entry("bo", 1_000L), Map.entry("cy", 1_000L), Map.entry("di", 1_000L));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_pick_fewest_open_tickets_and_break_ties_by_list_order_when_least_loaded() {
        Map<String, Integer> load = Map.of("ana", 5, "bo", 2, "cy", 2);

        assertThat(AssignmentStrategy.leastLoaded(List.of("ana", "bo", "cy"), load::get).choose(BILLING)).contains("bo");
        assertThat(AssignmentStrategy.leastLoaded(List.of("ana", "cy", "bo"), load::get).choose(BILLING)).contains("cy");
    }

    @Test
    void should_map_category_and_fall_back_when_by_category() {
        Map<Category, String> owners = Map.of(Category.of("billing"), "finance");
        Ticket shipping = ticket().classification(classification().category(Category.of("shipping")).build()).build();

        assertThat(AssignmentStrategy.byCategory(owners).choose(BILLING)).contains("finance");
        assertThat(AssignmentStrategy.byCategory(owners).choose(shipping)).isEmpty();
        assertThat(AssignmentStrategy.byCategory(owners).choose(ticket().build())).isEmpty();
        assertThat(AssignmentStrategy.byCategory(owners, "desk").choose(shipping)).contains("desk");
        assertThat(AssignmentStrategy.byCategory(owners, t -> Optional.of("night-shift")).choose(shipping)).contains("night-shift");
    }

    @Test
    void should_reject_empty_or_blank_agents() {
        assertThatThrownBy(() -> AssignmentStrategy.roundRobin(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AssignmentStrategy.leastLoaded(List.of(" "), agent -> 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Actions.assignTo("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_never_replace_existing_assignee_nor_advance_round_robin() {
        AssignmentStrategy strategy = AssignmentStrategy.roundRobin(List.of("ana", "bo"));
        RoutingRules rules = RoutingRules.builder().rule("rr").when(Condition.always()).then(Actions.assign(strategy)).build();

        RoutingOutcome taken = rules.route(ticket().assignee("human").build(), atCreation());
        RoutingOutcome free = rules.route(ticket().build(), atCreation());

        assertThat(taken.ticket().assignee()).contains("human");
        assertThat(taken.firedRules()).containsExactly("rr");
        assertThat(free.ticket().assignee()).contains("ana");
    }

    @Test
    void should_leave_ticket_unassigned_when_strategy_chooses_nobody() {
        RoutingRules rules = RoutingRules.builder().rule("owners").when(Condition.always())
                .then(Actions.assign(AssignmentStrategy.byCategory(Map.of()))).build();

        assertThat(rules.route(BILLING, atCreation()).ticket().assignee()).isEmpty();
    }

    @Test
    void should_assign_fixed_agent_and_add_tag_once() {
        RoutingRules rules = RoutingRules.builder().rule("r").when(Condition.always())
                .then(Actions.assignTo("ana"), Actions.addTag("billing"), Actions.addTag("billing")).build();

        Ticket routed = rules.route(ticket().tag("existing").build(), atCreation()).ticket();

        assertThat(routed.assignee()).contains("ana");
        assertThat(routed.tags()).containsExactly("existing", "billing");
    }

    @Test
    void should_reject_invalid_tag() {
        assertThatThrownBy(() -> Actions.addTag(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Actions.addTag("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }
}
