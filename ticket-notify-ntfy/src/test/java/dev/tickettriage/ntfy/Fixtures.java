package dev.tickettriage.ntfy;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.Notification;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Test fixtures: ntfy answers from src/test/resources/ntfy and ready-made notifications. */
final class Fixtures {

    static final TicketId TICKET = TicketId.of(UUID.fromString("0190f5e2-7a4b-7c3d-8e9f-0123456789ab"));
    static final URI LINK = URI.create("https://helpdesk.example.com/tickets/" + TICKET.value());

    private Fixtures() {
    }

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/ntfy/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Notification notification(String title, String message, Priority priority) {
        return new Notification("support-alerts", title, message, priority, List.of("billing", "negative"), LINK, TICKET,
                TICKET.value() + "/angry-customer/support-alerts/v2");
    }

    static Notification notification() {
        return notification("Angry customer: billing", "Charged twice, nobody answers", Priority.URGENT);
    }

    /** RFC 2047 "B" encoded words as ntfy.md section 1 describes them. */
    static final Pattern ENCODED_WORD = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=");

    /** The next request the mock received (fails the test when none arrives within 5 s). */
    static RecordedRequest take(MockWebServer server) throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("request reached the server").isNotNull();
        return request;
    }

    /** Decodes a header value made of RFC 2047 "B" words; each must hold whole UTF-8 characters, as the RFC requires. */
    static String decodeEncodedWords(String header) {
        Matcher word = ENCODED_WORD.matcher(header);
        StringBuilder text = new StringBuilder();
        int end = 0;
        while (word.find()) {
            assertThat(header.substring(end, word.start())).as("only spaces between words").isBlank();
            try {
                text.append(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(Base64.getDecoder().decode(word.group(1)))));
            } catch (CharacterCodingException e) {
                throw new AssertionError("an encoded word splits a character: " + word.group(), e);
            }
            end = word.end();
        }
        assertThat(end).as("the whole value is encoded words").isEqualTo(header.length());
        return text.toString();
    }
}
