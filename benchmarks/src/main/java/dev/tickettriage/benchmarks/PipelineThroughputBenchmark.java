package dev.tickettriage.benchmarks;

import dev.tickettriage.pipeline.IntakeConfig;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.TicketEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-memory end to end: submit -> classified by a no-op classifier -> automation and default routing rules
 * -> outbox -> counting notifier. One operation is one ticket fully processed (every 10th is "angry" and
 * notifies). Run: see BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class PipelineThroughputBenchmark {

    static final int TICKETS_PER_INVOCATION = 20_000;

    @Param({"2"})
    public int workers;

    private TicketTriage triage;
    private final AtomicLong finished = new AtomicLong();
    private NewTicket calm;
    private NewTicket angry;

    @Setup(Level.Trial)
    public void start() {
        Taxonomy taxonomy = Taxonomy.defaultSupport();
        triage = TicketTriage.builder()
                .repository(InMemoryTicketRepository.builder().retainAtMost(50_000).build())
                .classifier(new BenchmarkFixtures.NoOpClassifier(taxonomy))
                .defaultNotifier(new BenchmarkFixtures.CountingNotifier())
                .listener(event -> {
                    if (event instanceof TicketEvent.Classified) finished.incrementAndGet();
                })
                .workers(WorkerConfig.ofDefaults().withWorkers(workers).withLimits(0, 256).withPollInterval(Duration.ofMillis(5)))
                .intake(IntakeConfig.ofDefaults().withBacklog(50_000, Duration.ofMinutes(1)))
                .build()
                .start();
        calm = NewTicket.builder().subject("Card not arrived").body("I ordered a new card two weeks ago and it has still not arrived, what should I do?").build();
        angry = NewTicket.builder().subject("Refund").body("I am angry: you charged me twice and nobody answers my e-mails!").build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        triage.close();
    }

    @Benchmark
    @OperationsPerInvocation(TICKETS_PER_INVOCATION)
    public long submitAndProcess() {
        long target = finished.get() + TICKETS_PER_INVOCATION;
        for (int i = 0; i < TICKETS_PER_INVOCATION; i++) {
            triage.submit(i % 10 == 0 ? angry : calm);
        }
        while (finished.get() < target) {
            Thread.onSpinWait();
        }
        return finished.get();
    }
}
