package dev.tickettriage.ntfy;

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

/** {@link NtfyNotifier} against a MockWebServer that answers like ntfy and records what it was sent. */
class NtfyNotifierContractTest extends NotifierContract {

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
                            .addHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atOffset(ZoneOffset.UTC)))
                            .body(Fixtures.read("error-429-42901.json")).build();
                }
                received.add(decode(request));
                return new MockResponse.Builder().code(200).body(Fixtures.read("publish-200.json")).build();
            }
        });
        return NtfyNotifier.builder().serverUrl(server.url("/").uri()).topic("support-triage-7f3k").accessToken("tk_contract")
                .clock(clock()).publishForm(form()).build();
    }

    /** The publish form under test. */
    NtfyNotifier.PublishForm form() {
        return NtfyNotifier.PublishForm.JSON;
    }

    /** What the mock ntfy understood: the JSON fields, or the body and the (RFC 2047 decoded) X-Title header. */
    Received decode(RecordedRequest request) {
        try {
            JsonNode body = json.readTree(request.getBody().utf8());
            return new Received(body.path("title").asText(), body.path("message").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
