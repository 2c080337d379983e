package dev.tickettriage.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of several texts, each length-prefixed so no two different lists of parts hash alike by concatenation. */
public final class Digests {

    private Digests() {
    }

    /** The lower-case hex SHA-256 of {@code parts}, each as UTF-8 preceded by its byte length. */
    public static String sha256Hex(String... parts) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
