package dev.tickettriage.notify;

import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.ExpiredAcknowledgementTokenException;
import dev.tickettriage.error.InvalidAcknowledgementTokenException;
import dev.tickettriage.port.Notification;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies signed, expiring tokens that acknowledge one alert: the link behind an ntfy "Acknowledge" button
 * or an e-mail's "I'm on it", which the host exposes as one endpoint calling {@code TicketTriage.acknowledge(token, actor)}.
 *
 * <p>A token is {@code base64url(payload) "." base64url(HMAC-SHA256(secret, payload))}, the payload naming the
 * ticket id, the notification's idempotency key and the expiry (epoch seconds). It is URL-safe (no padding), carries
 * no ticket text, and is checked with a constant-time comparison. The secret is the host's (at least 32 bytes, from
 * its own configuration); every instance that verifies tokens needs the same one. Rotating it invalidates every
 * token issued before.
 *
 * <pre>{@code
 * AlertAcknowledgements acks = AlertAcknowledgements.builder(secretBytes).validity(Duration.ofHours(12)).build();
 * URI button = URI.create("https://support.example.com/ack?token=" + acks.issue(notification));
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the secret.
 */
public final class AlertAcknowledgements {

    /** The minimum secret length in bytes (the HMAC-SHA256 block security level). */
    public static final int MIN_SECRET_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "v1";
    private static final int MAX_TOKEN_LENGTH = 4_096;

    private final byte[] secret;
    private final Duration validity;
    private final Clock clock;

    private AlertAcknowledgements(Builder builder) {
        this.secret = builder.secret.clone();
        this.validity = builder.validity;
        this.clock = builder.clock;
    }

    /**
     * A builder signing with {@code secret} (copied).
     *
     * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public static Builder builder(byte[] secret) {
        return new Builder(secret);
    }

    /** A token acknowledging {@code notification}, valid for the configured validity from now. */
    public String issue(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        return issue(notification.ticketId(), notification.idempotencyKey());
    }

    /**
     * A token acknowledging the alert {@code notificationKey} about ticket {@code ticketId}, valid for the configured
     * validity from now.
     *
     * @throws IllegalArgumentException when notificationKey is blank
     */
    public String issue(TicketId ticketId, String notificationKey) {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(notificationKey, "notificationKey");
        if (notificationKey.isBlank()) throw new IllegalArgumentException("notificationKey must not be blank");
        long expires = clock.instant().plus(validity).getEpochSecond();
        String payload = VERSION + ":" + ticketId + ":" + expires + ":" + encode(notificationKey.getBytes(StandardCharsets.UTF_8));
        byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
        return encode(payloadBytes) + "." + encode(sign(payloadBytes));
    }

    /**
     * Checks a token's signature and expiry and returns what it acknowledges.
     *
     * @throws ExpiredAcknowledgementTokenException when it is correctly signed but past its expiry
     * @throws InvalidAcknowledgementTokenException when it is malformed, signed with another secret, or altered
     */
    public Acknowledgement verify(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() > MAX_TOKEN_LENGTH) throw invalid();
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) throw invalid();
        byte[] payload = decode(token.substring(0, dot));
        byte[] signature = decode(token.substring(dot + 1));
        if (!MessageDigest.isEqual(sign(payload), signature)) throw invalid();   // constant time
        String[] parts = new String(payload, StandardCharsets.UTF_8).split(":", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) throw invalid();
        try {
            TicketId ticketId = TicketId.parse(parts[1]);
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            String key = new String(decode(parts[3]), StandardCharsets.UTF_8);
            if (!clock.instant().isBefore(expiresAt)) throw new ExpiredAcknowledgementTokenException(expiresAt);
            return new Acknowledgement(ticketId, key, expiresAt);
        } catch (RuntimeException e) {
            if (e instanceof InvalidAcknowledgementTokenException) throw e;
            throw invalid();
        }
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static InvalidAcknowledgementTokenException invalid() {
        return new InvalidAcknowledgementTokenException("The acknowledgement link is not valid; acknowledge from the ticket instead");
    }

    @Override
    public String toString() {
        return "AlertAcknowledgements[secret=****, validity=" + validity + "]";
    }

    /**
     * What a verified token acknowledges.
     *
     * @param ticketId        the ticket
     * @param notificationKey the idempotency key of the alert
     * @param expiresAt       when the token stops being valid
     */
    public record Acknowledgement(TicketId ticketId, String notificationKey, Instant expiresAt) {
        /** @throws NullPointerException when a component is null */
        public Acknowledgement {
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(notificationKey, "notificationKey");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** Configures {@link AlertAcknowledgements}. Not thread-safe. Defaults: validity 24 hours, the system UTC clock. */
    public static final class Builder {
        private final byte[] secret;
        private Duration validity = Duration.ofHours(24);
        private Clock clock = Clock.systemUTC();

        private Builder(byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("secret must be at least " + MIN_SECRET_BYTES + " bytes, was " + secret.length);
            }
            this.secret = secret.clone();
        }

        /**
         * How long a token stays valid after it is issued (default 24 hours).
         *
         * @throws IllegalArgumentException when not at least one second
         */
        public Builder validity(Duration validity) {
            Objects.requireNonNull(validity, "validity");
            if (validity.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("validity must be at least 1 second, was " + validity);
            this.validity = validity;
            return this;
        }

        /** The clock for issuing and expiry (default the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the issuer and verifier. */
        public AlertAcknowledgements build() {
            return new AlertAcknowledgements(this);
        }

        @Override
        public String toString() {
            return "AlertAcknowledgements.Builder[secret=****, validity=" + validity + "]";
        }
    }
}
