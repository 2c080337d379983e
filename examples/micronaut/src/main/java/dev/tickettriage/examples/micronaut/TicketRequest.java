package dev.tickettriage.examples.micronaut;

import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.error.InvalidTicketException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import dev.tickettriage.domain.TicketFactory;
import dev.tickettriage.error.InvalidTicketException.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /api/tickets}. Every value is taken as sent; the library validates it and reports every
 * broken rule at once. {@code channel} is text here so that a wrong value is reported like the other fields.
 */
@Serdeable
public record TicketRequest(@Nullable String subject, @Nullable String body, @Nullable String customerName,
                            @Nullable String customerEmail, @Nullable String customerExternalId,
                            @Nullable String channel, @Nullable List<String> tags, @Nullable Map<String, String> attributes,
                            @Nullable String idempotencyKey) {

    /**
     * The library's input for this request; {@code headerKey} (the {@code Idempotency-Key} header) wins over the body's.
     *
     * @throws InvalidTicketException when the channel is not one of {@link Channel}, listing the other broken rules too
     */
    NewTicket toNewTicket(@Nullable String headerKey) {
        NewTicket.Builder builder = NewTicket.builder().subject(subject).body(body).customerName(customerName)
                .customerEmail(customerEmail).customerExternalId(customerExternalId)
                .idempotencyKey(headerKey != null ? headerKey : idempotencyKey);
        if (tags != null) tags.forEach(builder::tag);
        if (attributes != null) attributes.forEach(builder::attribute);
        if (channel == null) return builder.build();
        Optional<Channel> parsed = Arrays.stream(Channel.values())
                .filter(known -> known.name().equalsIgnoreCase(channel.strip())).findFirst();
        if (parsed.isPresent()) return builder.channel(parsed.get()).build();
        // report a bad channel together with whatever else is wrong, as the library does for its own fields
        List<Violation> violations = new ArrayList<>();
        violations.add(new Violation("channel", "must be one of " + Arrays.toString(Channel.values())));
        try {
            TicketFactory.ofDefaults().create(builder.build(), Instant.EPOCH);
        } catch (InvalidTicketException e) {
            violations.addAll(e.violations());
        }
        throw new InvalidTicketException(violations);
    }
}
