package dev.tickettriage.io;

import java.util.Objects;

/**
 * Writing CSV cells safely: RFC 4180 quoting, and formula neutralisation for text a spreadsheet would run
 * (OWASP CSV injection). Shared by the quickstart's CSV output and the example apps' exports. Stateless.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /**
     * Prefixes {@code '} to text a spreadsheet would treat as a formula: starting with {@code =}, {@code +},
     * {@code -}, {@code @}, tab or carriage return. Apply it to text cells only (ticket or model text), never to
     * numbers you format yourself: {@code -0.42} must stay numeric.
     */
    public static String neutralize(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) return text;
        char first = text.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + text : text;
    }

    /** Appends one field, quoted when it holds a comma, a quote, a line break, or surrounding blanks (quotes doubled). */
    public static void appendField(StringBuilder line, String value) {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(value, "value");
        boolean quote = !value.isEmpty() && !value.strip().equals(value);
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') line.append('"');
            line.append(c);
        }
        line.append('"');
    }
}
