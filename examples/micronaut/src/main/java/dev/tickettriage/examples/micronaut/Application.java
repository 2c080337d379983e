package dev.tickettriage.examples.micronaut;

import io.micronaut.runtime.Micronaut;

/** Starts the service: {@code java -jar examples/micronaut/target/ticket-triage-micronaut.jar}. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
