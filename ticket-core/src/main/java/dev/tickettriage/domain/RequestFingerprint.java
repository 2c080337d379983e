package dev.tickettriage.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256 over what a submit asks for: subject, body, customer and channel of an already normalised
 * ticket. Each part is length-prefixed (absent parts have their own marker), so ("ab", "c") and ("a", "bc")
 * differ. Tags, attributes and everything set after creation are left out.
 */
final class RequestFingerprint {

    private final byte[] digest;

    private RequestFingerprint(byte[] digest) {
        this.digest = digest;
    }

    static RequestFingerprint of(Ticket ticket) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
        update(sha256, ticket.subject().orElse(null));
        update(sha256, ticket.body());
        update(sha256, ticket.customer().name().orElse(null));
        update(sha256, ticket.customer().email().orElse(null));
        update(sha256, ticket.customer().externalId().orElse(null));
        update(sha256, ticket.channel().name());
        return new RequestFingerprint(sha256.digest());
    }

    private static void update(MessageDigest sha256, @Nullable String part) {
        if (part == null) {
            sha256.update((byte) 0);
            return;
        }
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha256.update((byte) 1);
        sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        sha256.update(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequestFingerprint && MessageDigest.isEqual(digest, ((RequestFingerprint) other).digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }
}
