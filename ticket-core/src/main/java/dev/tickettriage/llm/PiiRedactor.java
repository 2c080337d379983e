package dev.tickettriage.llm;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in ticket text with placeholders before it leaves the JVM: e-mail addresses
 * ({@code [EMAIL_1]}), IBANs with a valid mod-97 check ({@code [IBAN_1]}), card numbers of 13-19 digits with a valid
 * Luhn check ({@code [CARD_1]}) and phone numbers of 7-15 digits ({@code [PHONE_1]}). The {@link Redaction} keeps the
 * originals in memory only, so a model's answer that quotes a placeholder can be restored locally; nothing is ever
 * sent back out. Digit runs that fail the checks (order numbers, dates) are left alone. Immutable and thread-safe.
 */
public final class PiiRedactor {

    private static final Pattern EMAIL = Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\\b");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d ()./-]{5,20}\\d(?!\\w)");

    private static final PiiRedactor DEFAULTS = new PiiRedactor();

    private PiiRedactor() {
    }

    /** The redactor for e-mail addresses, IBANs, card numbers and phone numbers. */
    public static PiiRedactor ofDefaults() {
        return DEFAULTS;
    }

    /** Redacts {@code text}; the result's {@link Redaction#text()} holds placeholders instead of personal data. */
    public Redaction redact(String text) {
        Map<String, String> originals = new LinkedHashMap<>();
        // the look-behind and possessive quantifier keep this linear on long runs of letters (no '@' = no scan at all)
        String result = text.indexOf('@') < 0 ? text : replace(text, EMAIL, "EMAIL", originals, value -> true);
        result = replace(result, IBAN, "IBAN", originals, PiiRedactor::isValidIban);
        result = replace(result, CARD, "CARD", originals, value -> isLuhnValid(digits(value)));
        result = replace(result, PHONE, "PHONE", originals, value -> {
            int count = digits(value).length();
            return count >= 7 && count <= 15;
        });
        return new Redaction(result, originals);
    }

    private interface Check {
        boolean accepts(String value);
    }

    private static String replace(String text, Pattern pattern, String kind, Map<String, String> originals, Check check) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        int counter = 0;
        for (String key : originals.keySet()) if (key.startsWith("[" + kind + "_")) counter++;
        while (matcher.find()) {
            String value = matcher.group();
            if (!check.accepts(value)) continue;
            String placeholder = null;
            for (Map.Entry<String, String> entry : originals.entrySet()) {
                if (entry.getValue().equals(value)) placeholder = entry.getKey();
            }
            if (placeholder == null) {
                placeholder = "[" + kind + "_" + (++counter) + "]";
                originals.put(placeholder, value);
            }
            out.append(text, last, matcher.start()).append(placeholder);
            last = matcher.end();
        }
        return last == 0 ? text : out.append(text, last, text.length()).toString();
    }

    private static String digits(String value) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < value.length(); i++) if (Character.isDigit(value.charAt(i))) digits.append(value.charAt(i));
        return digits.toString();
    }

    static boolean isLuhnValid(String digits) {
        if (digits.length() < 13 || digits.length() > 19) return false;
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    static boolean isValidIban(String value) {
        String iban = value.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) return false;
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (Character.isDigit(c)) numeric.append(c);
            else if (c >= 'A' && c <= 'Z') numeric.append(c - 'A' + 10);
            else return false;
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /**
     * Redacted text and the placeholders' originals, which stay in this JVM. {@code toString()} shows only counts.
     * Immutable.
     */
    public static final class Redaction {
        private final String text;
        private final Map<String, String> originals;

        Redaction(String text, Map<String, String> originals) {
            this.text = text;
            this.originals = Map.copyOf(originals);
        }

        /** A redaction that changed nothing. */
        public static Redaction none(String text) {
            return new Redaction(text, Map.of());
        }

        /** The text with placeholders. */
        public String text() {
            return text;
        }

        /** How many distinct values were replaced. */
        public int count() {
            return originals.size();
        }

        /** Puts the original values back into {@code answer} wherever it quotes a placeholder of this redaction. */
        public String restore(String answer) {
            if (originals.isEmpty() || answer.indexOf('[') < 0) return answer;
            String restored = answer;
            for (Map.Entry<String, String> entry : originals.entrySet()) restored = restored.replace(entry.getKey(), entry.getValue());
            return restored;
        }

        @Override
        public String toString() {
            return "Redaction[replaced=" + originals.size() + "]";
        }
    }
}
