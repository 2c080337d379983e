package dev.tickettriage.examples.spring;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The app on a random port with an in-memory H2 database and acknowledgements on; every test class uses exactly
 * this, so Spring starts one context for all of them. No assistant model: an OPENAI_API_KEY in the environment is
 * ignored here.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ticket-triage.store.jdbc.url=jdbc:h2:mem:example-tests;DB_CLOSE_DELAY=-1",
        "ticket-triage.acknowledgements.secret=test-secret-test-secret-test-secret-42",
        "ticket-triage.assistant.api-key=", "ticket-triage.classifier.openai.api-key=", "ticket-triage.classifier.huggingface.token="})
@AutoConfigureMockMvc
@interface AppTest {
}
