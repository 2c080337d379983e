package dev.tickettriage.domain;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Untrusted input for a new ticket, as a host receives it (web form, e-mail, API call).
 *
 * <p>Holds raw values; {@link TicketFactory} validates and normalises them, reporting every broken rule
 * at once. The jakarta.validation annotations mirror the default limits for hosts that validate at their
 * own edge; ticket-triage never needs a validator on the classpath. Immutable and thread-safe.
 */
public final class NewTicket {

    @Size(max = TicketLimits.DEFAULT_MAX_SUBJECT_LENGTH)
    private final @Nullable String subject;
    @NotBlank
    @Size(max = TicketLimits.DEFAULT_MAX_BODY_LENGTH)
    private final @Nullable String body;
    @Size(max = TicketLimits.DEFAULT_MAX_NAME_LENGTH)
    private final @Nullable String customerName;
    @Email
    @Size(max = TicketLimits.DEFAULT_MAX_EMAIL_LENGTH)
    private final @Nullable String customerEmail;
    @Size(max = TicketLimits.DEFAULT_MAX_EXTERNAL_ID_LENGTH)
    private final @Nullable String customerExternalId;
    @NotNull
    private final Channel channel;
    @Size(max = TicketLimits.DEFAULT_MAX_TAGS)
    private final Set<@Nullable String> tags;
    @Size(max = TicketLimits.DEFAULT_MAX_ATTRIBUTES)
    private final Map<@Nullable String, @Nullable String> attributes;
    private final @Nullable String idempotencyKey;

    private NewTicket(Builder builder) {
        this.subject = builder.subject;
        this.body = builder.body;
        this.customerName = builder.customerName;
        this.customerEmail = builder.customerEmail;
        this.customerExternalId = builder.customerExternalId;
        this.channel = builder.channel;
        // insertion order is kept (and nulls too, for the factory to report them with their position)
        this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(builder.tags));
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes));
        this.idempotencyKey = builder.idempotencyKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Shortcut for a ticket with only a body (channel API). */
    public static NewTicket of(String body) {
        return builder().body(body).build();
    }

    public Optional<String> subject() { return Optional.ofNullable(subject); }

    /** Raw body; may be null or blank here, the factory rejects that. */
    public Optional<String> body() { return Optional.ofNullable(body); }

    public Optional<String> customerName() { return Optional.ofNullable(customerName); }

    public Optional<String> customerEmail() { return Optional.ofNullable(customerEmail); }

    public Optional<String> customerExternalId() { return Optional.ofNullable(customerExternalId); }

    public Channel channel() { return channel; }

    /** Raw tags in the order added; may hold a null, which the factory rejects. */
    public Set<@Nullable String> tags() { return tags; }

    /** Raw attributes in the order added; may hold null keys or values, which the factory rejects. */
    public Map<@Nullable String, @Nullable String> attributes() { return attributes; }

    public Optional<String> idempotencyKey() { return Optional.ofNullable(idempotencyKey); }

    @Override
    public String toString() {
        return "NewTicket[channel=" + channel + ", bodyLength=" + (body == null ? 0 : body.length())
                + ", idempotencyKey=" + idempotencyKey + "]";
    }

    /** Builds a {@link NewTicket}; not thread-safe. Nothing is validated until {@link TicketFactory#create}. */
    public static final class Builder {
        private @Nullable String subject;
        private @Nullable String body;
        private @Nullable String customerName;
        private @Nullable String customerEmail;
        private @Nullable String customerExternalId;
        private Channel channel = Channel.API;
        private final Set<@Nullable String> tags = new LinkedHashSet<>();
        private final Map<@Nullable String, @Nullable String> attributes = new LinkedHashMap<>();
        private @Nullable String idempotencyKey;

        private Builder() {
        }

        public Builder subject(@Nullable String subject) { this.subject = subject; return this; }

        public Builder body(@Nullable String body) { this.body = body; return this; }

        public Builder customerName(@Nullable String name) { this.customerName = name; return this; }

        public Builder customerEmail(@Nullable String email) { this.customerEmail = email; return this; }

        public Builder customerExternalId(@Nullable String externalId) { this.customerExternalId = externalId; return this; }

        /** Default {@link Channel#API}. */
        public Builder channel(Channel channel) { this.channel = Objects.requireNonNull(channel, "channel"); return this; }

        /** Adds a tag; a null tag is accepted here and reported by {@link TicketFactory#create}. */
        public Builder tag(@Nullable String tag) { tags.add(tag); return this; }

        /** Replaces the tags; null elements are reported by {@link TicketFactory#create}. */
        public Builder tags(Set<? extends @Nullable String> values) {
            Objects.requireNonNull(values, "values");
            tags.clear();
            values.forEach(this::tag);
            return this;
        }

        /** Adds an attribute; a null key or value is accepted here and reported by {@link TicketFactory#create}. */
        public Builder attribute(@Nullable String key, @Nullable String value) {
            attributes.put(key, value);
            return this;
        }

        /** Replaces the attributes; null keys or values are reported by {@link TicketFactory#create}. */
        public Builder attributes(Map<? extends @Nullable String, ? extends @Nullable String> values) {
            Objects.requireNonNull(values, "values");
            attributes.clear();
            values.forEach(this::attribute);
            return this;
        }

        /** A retried submit with the same key returns the first ticket instead of a new one. */
        public Builder idempotencyKey(@Nullable String key) { this.idempotencyKey = key; return this; }

        public NewTicket build() {
            return new NewTicket(this);
        }
    }
}
