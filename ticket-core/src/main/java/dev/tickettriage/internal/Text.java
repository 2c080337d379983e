package dev.tickettriage.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/** Text helpers shared by core and adapters. Not API. */
public final class Text {

    private Text() {
    }

    /**
     * Cleans untrusted text: NFC-normalises, turns CR LF and lone CR into LF, strips every other
     * control character (C0 and C1, including NUL and DEL; tab and line feed are kept). Returns empty when the text contains an unpaired surrogate, which
     * cannot be stored or sent as UTF-8.
     */
    public static Optional<String> sanitize(String text) {
        if (hasUnpairedSurrogate(text)) {
            return Optional.empty();
        }
        String normalized = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = null;
        int length = normalized.length();
        for (int i = 0; i < length; i++) {
            char c = normalized.charAt(i);
            boolean keep = c == '\n' || c == '\t' || !Character.isISOControl(c);
            char replacement = c;
            if (c == '\r') {
                keep = !(i + 1 < length && normalized.charAt(i + 1) == '\n');
                replacement = '\n';
            }
            if (out == null) {
                if (keep && replacement == c) continue;
                out = new StringBuilder(length).append(normalized, 0, i);
            }
            if (keep) out.append(replacement);
        }
        return Optional.of(out == null ? normalized : out.toString());
    }

    /** Whether {@code text} contains a high surrogate without its low half, or a low one without its high half. */
    public static boolean hasUnpairedSurrogate(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code text} has at least one visible character. Whitespace, Unicode space and line/paragraph
     * separators (NBSP included), control and format characters (zero-width space and joiners, word joiner,
     * byte-order mark, bidi marks), variation selectors and the blank fillers (Hangul fillers, braille blank)
     * are invisible, so text made only of them is blank.
     */
    public static boolean hasVisibleCharacter(String text) {
        int length = text.length();
        for (int i = 0; i < length; ) {
            int codePoint = text.codePointAt(i);
            if (isVisible(codePoint)) return true;
            i += Character.charCount(codePoint);
        }
        return false;
    }

    /** Whether one code point is visible, in the sense of {@link #hasVisibleCharacter(String)}. */
    public static boolean isVisible(int codePoint) {
        return !isInvisible(codePoint);
    }

    private static boolean isInvisible(int codePoint) {
        if (Character.isWhitespace(codePoint)) return true;
        switch (Character.getType(codePoint)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.CONTROL, Character.FORMAT -> {
                return true;
            }
            default -> {
                // variation selectors, the Hangul fillers and the braille blank render as nothing
                return (codePoint >= 0xFE00 && codePoint <= 0xFE0F) || (codePoint >= 0xE0100 && codePoint <= 0xE01EF)
                        || codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0
                        || codePoint == 0x2800 || codePoint == 0x034F;
            }
        }
    }

    /** Cuts {@code text} to at most {@code max} characters, marking the cut with an ellipsis; never splits a surrogate pair. */
    public static String truncate(String text, int max) {
        if (text.length() <= max) return text;
        int end = Math.max(0, max - 1);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }

    /**
     * Lower case (ROOT) without accents: strips combining marks after NFD, so "Facturación" and "FACTURACION"
     * both become "facturacion" and "ñ" becomes "n". ASCII text takes a fast path.
     */
    public static String fold(String text) {
        boolean ascii = true;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                ascii = false;
                break;
            }
        }
        if (ascii) return text.toLowerCase(Locale.ROOT);
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            int type = Character.getType(c);
            if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK && type != Character.COMBINING_SPACING_MARK) {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Length in Unicode code points. */
    public static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }
}
