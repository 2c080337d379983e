package dev.tickettriage.testkit;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.port.Notification;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Checks on the notifications a rule set sends to one target. Each {@code with...} check narrows the candidates,
 * so a chain passes when at least one notification to the target satisfies every check. Not thread-safe.
 */
public final class RuleNotificationAssert extends AbstractAssert<RuleNotificationAssert, List<Notification>> {

    private final RuleOutcomeAssert outcome;
    private final String target;

    RuleNotificationAssert(RuleOutcomeAssert outcome, String target, List<Notification> notifications) {
        super(List.copyOf(notifications), RuleNotificationAssert.class);
        this.outcome = outcome;
        this.target = target;
    }

    /** Checks the notification's priority. */
    public RuleNotificationAssert withPriority(Priority priority) {
        Objects.requireNonNull(priority, "priority");
        return narrow("with priority " + priority, notification -> notification.priority() == priority);
    }

    /** Checks that the title contains {@code text}. */
    public RuleNotificationAssert withTitleContaining(String text) {
        Objects.requireNonNull(text, "text");
        return narrow("with a title containing \"" + text + "\"", notification -> notification.title().contains(text));
    }

    /** Checks that the message contains {@code text}. */
    public RuleNotificationAssert withMessageContaining(String text) {
        Objects.requireNonNull(text, "text");
        return narrow("with a message containing \"" + text + "\"", notification -> notification.message().contains(text));
    }

    /** Checks the idempotency key. */
    public RuleNotificationAssert withIdempotencyKey(String key) {
        Objects.requireNonNull(key, "key");
        return narrow("with idempotency key " + key, notification -> notification.idempotencyKey().equals(key));
    }

    /** Back to the outcome checks, to chain more of them. */
    public RuleOutcomeAssert and() {
        return outcome;
    }

    private RuleNotificationAssert narrow(String expectation, Predicate<Notification> test) {
        List<Notification> remaining = actual.stream().filter(test).toList();
        if (remaining.isEmpty()) {
            String candidates = actual.stream()
                    .map(notification -> "    - priority " + notification.priority() + ", title \"" + notification.title()
                            + "\", message \"" + notification.message() + "\", key " + notification.idempotencyKey())
                    .collect(Collectors.joining("\n"));
            failWithMessage("%s", "Expected a notification to '" + target + "' " + expectation
                    + " but the notifications to it were:\n" + candidates);
        }
        return new RuleNotificationAssert(outcome, target, remaining);
    }
}
