package dev.tickettriage.domain;

import dev.tickettriage.error.IllegalStatusTransitionException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A support ticket: what the customer wrote, where it came from, its support and processing state,
 * the latest {@link Classification}, and a person's {@link Correction} of it, if any.
 *
 * <p>Immutable and thread-safe. Change it with {@link #toBuilder()} or the {@code with...} methods, which
 * return a copy; repositories bump {@link #version()} on every stored change (optimistic locking).
 * Create new tickets from untrusted input through {@link NewTicket} and {@link TicketFactory}, which validate.
 * {@link #toString()} leaves out the body, subject and customer data.
 */
public final class Ticket {

    private final TicketId id;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;
    private final @Nullable String subject;
    private final String body;
    private final Customer customer;
    private final Channel channel;
    private final SupportStatus status;
    private final Processing processing;
    private final @Nullable String assignee;
    private final @Nullable Priority priority;
    private final Set<String> tags;
    private final Map<String, String> attributes;
    private final @Nullable Classification classification;
    private final @Nullable Correction correction;

    private Ticket(Builder builder) {
        this.id = Objects.requireNonNull(builder.id, "id is required");
        this.createdAt = Objects.requireNonNull(builder.createdAt, "createdAt is required");
        this.updatedAt = builder.updatedAt == null ? createdAt : builder.updatedAt;
        if (builder.version < 0) throw new IllegalArgumentException("version must be >= 0, was " + builder.version);
        this.version = builder.version;
        this.subject = builder.subject;
        this.body = Objects.requireNonNull(builder.body, "body is required");
        this.customer = builder.customer;
        this.channel = builder.channel;
        this.status = builder.status;
        this.processing = builder.processing;
        this.assignee = builder.assignee;
        this.priority = builder.priority;
        // builders share an unchanged ticket's immutable collections instead of copying them (hot path)
        this.tags = builder.tagsCopied ? Collections.unmodifiableSet(new LinkedHashSet<>(builder.tags)) : builder.tags;
        this.attributes = builder.attributesCopied ? Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes))
                : builder.attributes;
        this.classification = builder.classification;
        this.correction = builder.correction;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.id = id;
        builder.createdAt = createdAt;
        builder.updatedAt = updatedAt;
        builder.version = version;
        builder.subject = subject;
        builder.body = body;
        builder.customer = customer;
        builder.channel = channel;
        builder.status = status;
        builder.processing = processing;
        builder.assignee = assignee;
        builder.priority = priority;
        builder.tags = tags;
        builder.attributes = attributes;
        builder.classification = classification;
        builder.correction = correction;
        return builder;
    }

    public TicketId id() { return id; }

    public Instant createdAt() { return createdAt; }

    public Instant updatedAt() { return updatedAt; }

    /** Incremented by the repository on every stored change; 0 before the first insert. */
    public long version() { return version; }

    public Optional<String> subject() { return Optional.ofNullable(subject); }

    /** The customer's text: trimmed, never blank. Untrusted. */
    public String body() { return body; }

    /** Subject and body joined by a blank line, the text classifiers look at. */
    public String text() {
        return subject == null ? body : subject + "\n\n" + body;
    }

    public Customer customer() { return customer; }

    public Channel channel() { return channel; }

    public SupportStatus status() { return status; }

    public Processing processing() { return processing; }

    public ProcessingState processingState() { return processing.state(); }

    public Optional<String> assignee() { return Optional.ofNullable(assignee); }

    /**
     * The priority in force: set from the classification when automation applies it, or by a
     * routing rule or an agent. Empty until then.
     */
    public Optional<Priority> priority() { return Optional.ofNullable(priority); }

    /** Tags in insertion order. */
    public Set<String> tags() { return tags; }

    /** Host-defined key/value attributes in insertion order. */
    public Map<String, String> attributes() { return attributes; }

    /** The latest classification, if the ticket was classified. */
    public Optional<Classification> classification() { return Optional.ofNullable(classification); }

    /**
     * A person's correction of the classification, if any: what was predicted and what was decided. The
     * {@link #classification()} stays as the classifier predicted it.
     */
    public Optional<Correction> correction() { return Optional.ofNullable(correction); }

    /** The corrected category if a person decided one, else the classified one; empty for an unclassified, uncorrected ticket. */
    public Optional<Category> effectiveCategory() {
        if (correction != null && correction.decided().category().isPresent()) return correction.decided().category();
        return classification == null ? Optional.empty() : Optional.of(classification.category());
    }

    /** The corrected sentiment if a person decided one, else the classified one. */
    public Optional<Sentiment> effectiveSentiment() {
        if (correction != null && correction.decided().sentiment().isPresent()) return correction.decided().sentiment();
        return classification == null ? Optional.empty() : Optional.of(classification.sentiment());
    }

    /**
     * A copy in support status {@code next}.
     *
     * @throws IllegalStatusTransitionException when the lifecycle does not allow it
     */
    public Ticket withStatus(SupportStatus next, Instant now) {
        if (!status.canTransitionTo(next)) {
            throw new IllegalStatusTransitionException(status, next);
        }
        return toBuilder().status(next).updatedAt(now).build();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        if (!(other instanceof Ticket)) return false;
        Ticket that = (Ticket) other;
        return version == that.version && id.equals(that.id) && createdAt.equals(that.createdAt)
                && updatedAt.equals(that.updatedAt) && Objects.equals(subject, that.subject) && body.equals(that.body)
                && customer.equals(that.customer) && channel == that.channel && status == that.status
                && processing.equals(that.processing) && Objects.equals(assignee, that.assignee)
                && priority == that.priority && tags.equals(that.tags) && attributes.equals(that.attributes)
                && Objects.equals(classification, that.classification) && Objects.equals(correction, that.correction);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "Ticket[id=" + id + ", version=" + version + ", channel=" + channel + ", status=" + status
                + ", processing=" + processing.state() + ", priority=" + priority
                + ", category=" + (classification == null ? null : classification.category())
                + ", corrected=" + (correction != null) + "]";
    }

    /** Builds a {@link Ticket} from already-valid values; not thread-safe. Use {@link TicketFactory} for untrusted input. */
    public static final class Builder {
        private @Nullable TicketId id;
        private @Nullable Instant createdAt;
        private @Nullable Instant updatedAt;
        private long version;
        private @Nullable String subject;
        private @Nullable String body;
        private Customer customer = Customer.ANONYMOUS;
        private Channel channel = Channel.API;
        private SupportStatus status = SupportStatus.OPEN;
        private Processing processing = Processing.NEW;
        private @Nullable String assignee;
        private @Nullable Priority priority;
        private Set<String> tags = Set.of();
        private boolean tagsCopied;
        private Map<String, String> attributes = Map.of();
        private boolean attributesCopied;
        private @Nullable Classification classification;
        private @Nullable Correction correction;

        private Builder() {
        }

        public Builder id(TicketId id) { this.id = Objects.requireNonNull(id, "id"); return this; }

        public Builder createdAt(Instant createdAt) { this.createdAt = Objects.requireNonNull(createdAt, "createdAt"); return this; }

        /** Defaults to createdAt. */
        public Builder updatedAt(Instant updatedAt) { this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt"); return this; }

        public Builder version(long version) { this.version = version; return this; }

        public Builder subject(@Nullable String subject) { this.subject = subject; return this; }

        public Builder body(String body) { this.body = Objects.requireNonNull(body, "body"); return this; }

        /** Default {@link Customer#ANONYMOUS}. */
        public Builder customer(Customer customer) { this.customer = Objects.requireNonNull(customer, "customer"); return this; }

        /** Default {@link Channel#API}. */
        public Builder channel(Channel channel) { this.channel = Objects.requireNonNull(channel, "channel"); return this; }

        /** Default {@link SupportStatus#OPEN}; not checked against the lifecycle (use {@link Ticket#withStatus}). */
        public Builder status(SupportStatus status) { this.status = Objects.requireNonNull(status, "status"); return this; }

        /** Default {@link Processing#NEW}. */
        public Builder processing(Processing processing) { this.processing = Objects.requireNonNull(processing, "processing"); return this; }

        public Builder assignee(@Nullable String assignee) { this.assignee = assignee; return this; }

        public Builder priority(@Nullable Priority priority) { this.priority = priority; return this; }

        public Builder tag(String tag) {
            Objects.requireNonNull(tag, "tag");
            if (!tagsCopied) {
                tags = new LinkedHashSet<>(tags);
                tagsCopied = true;
            }
            tags.add(tag);
            return this;
        }

        public Builder tags(Set<String> values) {
            tags = new LinkedHashSet<>();
            tagsCopied = true;
            values.forEach(this::tag);
            return this;
        }

        public Builder attribute(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (!attributesCopied) {
                attributes = new LinkedHashMap<>(attributes);
                attributesCopied = true;
            }
            attributes.put(key, value);
            return this;
        }

        /** Removes one attribute, if present. */
        public Builder removeAttribute(String key) {
            if (attributes.containsKey(Objects.requireNonNull(key, "key"))) {
                if (!attributesCopied) {
                    attributes = new LinkedHashMap<>(attributes);
                    attributesCopied = true;
                }
                attributes.remove(key);
            }
            return this;
        }

        public Builder attributes(Map<String, String> values) {
            attributes = new LinkedHashMap<>();
            attributesCopied = true;
            values.forEach(this::attribute);
            return this;
        }

        public Builder classification(@Nullable Classification classification) { this.classification = classification; return this; }

        /** A person's correction; default none. */
        public Builder correction(@Nullable Correction correction) { this.correction = correction; return this; }

        /** @throws NullPointerException when id, createdAt or body is missing */
        public Ticket build() {
            return new Ticket(this);
        }
    }
}
