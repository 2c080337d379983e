package dev.tickettriage.examples.quickstart;

import dev.tickettriage.port.Classifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Runs the app in-process with captured streams. */
record AppRun(int exitCode, String out, String err) {

    static AppRun run(String stdin, String... args) {
        return run(null, BatchTriage.DEFAULT_CHUNK_SIZE, stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static AppRun withEcho(String stdin, String... args) {
        return run(new EchoClassifier(), BatchTriage.DEFAULT_CHUNK_SIZE, stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** With {@code env} as the environment (API keys) and the default chunk size. */
    static AppRun withEnv(java.util.Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        QuickstartApp app = new QuickstartApp(() -> clock.addAndGet(2_000_000_000L), false, BatchTriage.DEFAULT_CHUNK_SIZE, null, env);
        int code = app.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new AppRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every reading of the clock is two seconds after the previous one, so progress is always due. */
    static AppRun run(@Nullable Classifier classifier, int chunkSize, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        QuickstartApp app = new QuickstartApp(() -> clock.addAndGet(2_000_000_000L), false, chunkSize, classifier);
        int code = app.run(args, new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new AppRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
