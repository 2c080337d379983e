package dev.tickettriage.ntfy;

import java.nio.charset.StandardCharsets;

/** Cuts text to a budget of UTF-8 bytes without splitting a character. */
final class Utf8 {

    private Utf8() {
    }

    static int length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) bytes += 1;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else bytes += 3;
        }
        return bytes;
    }

    /** The longest prefix of {@code text} (whole code points) of at most {@code maxBytes} UTF-8 bytes. */
    static String prefix(String text, int maxBytes) {
        if (maxBytes <= 0) return "";
        if (text.length() * 4 <= maxBytes || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) return text;
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) break;
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return text.substring(0, i);
    }
}
