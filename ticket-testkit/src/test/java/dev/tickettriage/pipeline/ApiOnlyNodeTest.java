package dev.tickettriage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.testkit.ScriptedClassifier;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiOnlyNodeTest {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** The same store, counting every call by method name. */
    private TicketRepository counting(TicketRepository delegate) {
        return (TicketRepository) Proxy.newProxyInstance(TicketRepository.class.getClassLoader(), new Class<?>[] {TicketRepository.class},
                (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private int count(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    @Test
    void should_accept_submits_with_one_query_when_other_nodes_processed_its_tickets() {
        InMemoryTicketRepository store = InMemoryTicketRepository.create();
        try (TicketTriage apiNode = TicketTriage.builder().repository(counting(store)).classifier(ScriptedClassifier.builder().build())
                .workers(WorkerConfig.ofDefaults().withWorkers(0))
                .intake(IntakeConfig.ofDefaults().withBacklog(2, Duration.ofSeconds(2))).build().start();
             TicketTriage workerNode = TicketTriage.builder().repository(store).classifier(ScriptedClassifier.builder().build())
                     .workers(WorkerConfig.ofDefaults().withWorkers(0)).build()) {
            apiNode.submit(NewTicket.of("one"));
            apiNode.submit(NewTicket.of("two"));
            workerNode.drainBacklog();
            calls.clear();

            assertThat(apiNode.submit(NewTicket.of("three")).processingState()).isEqualTo(ProcessingState.NEW);

            assertThat(count("findById")).isZero();
            assertThat(count("query")).isEqualTo(1);
        }
    }
}
