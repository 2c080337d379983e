package dev.tickettriage.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.port.Notifier;
import dev.tickettriage.testkit.NotifierContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;

/** {@link WebhookNotifier} against a receiver that verifies every signature and records only genuine requests. */
class WebhookNotifierContractTest extends NotifierContract {

    private static final String SECRET = "contract-signing-secret";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final ObjectMapper json = new ObjectMapper();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> throttleUntil = new AtomicReference<>();

    @Override
    protected Notifier newNotifier() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Instant until = throttleUntil.getAndSet(null);
                if (until != null) {
                    return new MockResponse.Builder().code(429)
                            .addHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atOffset(ZoneOffset.UTC))).build();
                }
                byte[] body = request.getBody().toByteArray();
                if (!WebhookSignature.verify(SECRET, request.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER),
                        request.getHeaders().get(WebhookSignature.SIGNATURE_HEADER), body, clock(), WebhookSignature.DEFAULT_TOLERANCE)) {
                    return new MockResponse.Builder().code(401).body("{\"error\":\"bad signature\"}").build();
                }
                try {
                    received.add(decode(json.readTree(body)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new MockResponse.Builder().code(204).build();
            }
        });
        return WebhookNotifier.builder(server.url("/hooks/triage").uri()).signingSecret(SECRET).clock(clock()).format(format()).build();
    }

    /** The body format under test. */
    WebhookFormat format() {
        return WebhookFormat.JSON;
    }

    /** The title and message the receiver understood from the body. */
    Received decode(JsonNode payload) {
        return new Received(payload.path("title").asText(), payload.path("message").asText());
    }

    @Override
    protected List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    protected boolean throttleNextUntil(Instant until) {
        throttleUntil.set(until);
        return true;
    }
}
