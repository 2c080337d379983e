package dev.tickettriage.rules;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Ticket;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Sends a notification rendered from templates; {@code priority} yields null to fall back to the ticket's priority. */
record NotifyAction(String target, String titleTemplate, String messageTemplate,
                    Function<Ticket, @Nullable Priority> priority) implements RuleAction {

    NotifyAction {
        Actions.checkTarget(target);
        Objects.requireNonNull(titleTemplate, "titleTemplate");
        Objects.requireNonNull(messageTemplate, "messageTemplate");
        Objects.requireNonNull(priority, "priority");
        if (titleTemplate.isBlank()) throw new IllegalArgumentException("titleTemplate must not be blank");
    }
}
