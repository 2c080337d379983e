package dev.tickettriage.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The example app: REST API, live dashboard and exports over ticket-triage, wired by ticket-spring-boot-starter. */
@SpringBootApplication
@EnableScheduling
public class TriageApplication {

    public static void main(String[] args) {
        SpringApplication.run(TriageApplication.class, args);
    }
}
