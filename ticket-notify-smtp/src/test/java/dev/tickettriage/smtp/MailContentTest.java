package dev.tickettriage.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.Notification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailContentTest {

    private static Notification withTitle(String title) {
        return new Notification("t", title, "m", Priority.HIGH, List.of(), null, TicketId.generate(Instant.EPOCH), "k");
    }

    @Test
    void should_turn_every_line_break_and_control_character_into_a_space_when_rendering_the_subject() {
        String subject = MailContent.subject(MailTemplates.defaults(),
                withTitle("a\r\nBcc: x@y.z\rb\nc\u0085d\u2028e\u2029f\u0000g\tH"));

        assertThat(subject).isEqualTo("[HIGH] a Bcc: x@y.z b c d e f g H");
    }

    @Test
    void should_cut_a_long_subject_without_splitting_an_emoji() {
        String subject = MailContent.subject(MailTemplates.defaults(), withTitle("😡".repeat(300)));

        assertThat(subject.length()).isLessThanOrEqualTo(250);
        assertThat(subject).endsWith("…");
        assertThat(subject.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)).isTrue();   // no lone surrogate
    }
}
