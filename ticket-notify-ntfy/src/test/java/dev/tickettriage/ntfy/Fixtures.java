package dev.tickettriage.ntfy;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.Notification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

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
}
