package dev.tickettriage.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The signature scheme of {@link WebhookNotifier}, and the check a receiver runs.
 *
 * <p>Every request carries {@value #TIMESTAMP_HEADER} (Unix seconds when it was sent) and {@value #SIGNATURE_HEADER}
 * {@code v1=<hex>}, where {@code <hex>} is the lowercase hex HMAC-SHA256, keyed with the shared secret's UTF-8
 * bytes, of the timestamp's ASCII digits, a {@code .} and the raw body bytes. A receiver recomputes it over the
 * bytes it received (before parsing any JSON), compares in constant time, and refuses timestamps outside a tolerance
 * (default {@link #DEFAULT_TOLERANCE}) so a captured request cannot be replayed later. The signature header may list
 * several comma-separated {@code v1=} values (while a secret is rotated); one match is enough.
 *
 * <pre>{@code
 * boolean genuine = WebhookSignature.verify(secret, request.header("X-Triage-Timestamp"),
 *         request.header("X-Triage-Signature"), rawBody, Clock.systemUTC(), WebhookSignature.DEFAULT_TOLERANCE);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class WebhookSignature {

    /** The header with the send time, in Unix seconds. */
    public static final String TIMESTAMP_HEADER = "X-Triage-Timestamp";
    /** The header with the signature, {@code v1=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Triage-Signature";
    /** How far a timestamp may be from the receiver's clock, either way: 5 minutes. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String VERSION = "v1=";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private WebhookSignature() {
    }

    /**
     * The {@value #SIGNATURE_HEADER} value for {@code body} sent at {@code timestampSeconds}.
     *
     * @throws IllegalArgumentException when the secret is empty
     */
    public static String sign(String secret, long timestampSeconds, byte[] body) {
        Objects.requireNonNull(body, "body");
        return VERSION + hex(hmac(checkSecret(secret), timestampSeconds, body));
    }

    /**
     * Whether a request is genuine: signed with {@code secret} over exactly {@code body}, at a timestamp within
     * {@code tolerance} of {@code clock}. False (never an exception) for missing, malformed or stale headers.
     *
     * @param secret          the shared secret configured with {@link WebhookNotifier.Builder#signingSecret(String)}
     * @param timestampHeader the {@value #TIMESTAMP_HEADER} value, or null when absent
     * @param signatureHeader the {@value #SIGNATURE_HEADER} value, or null when absent
     * @param body            the raw request body bytes, as received
     * @throws IllegalArgumentException when the secret is empty or the tolerance negative
     */
    public static boolean verify(String secret, @Nullable String timestampHeader, @Nullable String signatureHeader, byte[] body,
                                 Clock clock, Duration tolerance) {
        byte[] key = checkSecret(secret);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) throw new IllegalArgumentException("tolerance must not be negative, was " + tolerance);
        if (timestampHeader == null || signatureHeader == null) return false;
        long timestamp;
        try {
            String digits = timestampHeader.strip();
            if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) return false;
            timestamp = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return false;
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(timestamp), clock.instant()).abs();
        if (skew.compareTo(tolerance) > 0) return false;
        byte[] expected = (VERSION + hex(hmac(key, timestamp, body))).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String candidate : signatureHeader.split(",")) {
            // no early exit: every listed signature is compared in constant time
            matched |= MessageDigest.isEqual(expected, candidate.strip().getBytes(StandardCharsets.US_ASCII));
        }
        return matched;
    }

    private static byte[] checkSecret(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) throw new IllegalArgumentException("secret must not be empty");
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
