package dev.tickettriage.classifier.embedded;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Hashed character n-grams: language-independent features that catch words and word pieces a frozen English encoder
 * does not know (product names, error codes, Spanish). The text is NFKC-normalised, lower-cased, its whitespace
 * collapsed and padded with one space each side; every n-gram of {@code minN..maxN} characters is hashed (FNV-1a,
 * seeded by n) into one of {@code buckets} buckets; a bucket's value is {@code 1 + ln(count)}, and the vector is
 * L2-normalised. At most {@link #MAX_CHARS} characters of a text are used. Stateless and thread-safe.
 */
final class CharNgrams {

    static final int MAX_CHARS = 4_000;

    private final int minN;
    private final int maxN;
    private final int buckets;

    CharNgrams(int minN, int maxN, int buckets) {
        if (minN < 1 || maxN < minN || maxN > 8) throw new IllegalArgumentException("n-gram sizes must satisfy 1 <= min <= max <= 8");
        if (buckets < 16 || buckets > (1 << 22)) throw new IllegalArgumentException("buckets must be in [16, 4194304], was " + buckets);
        this.minN = minN;
        this.maxN = maxN;
        this.buckets = buckets;
    }

    int buckets() {
        return buckets;
    }

    /** Sorted bucket indices and their values (L2 norm 1, or empty for a text without characters). */
    FeatureRow features(String text) {
        String clean = normalise(text);
        int length = clean.length();
        int count = 0;
        for (int n = minN; n <= maxN; n++) count += Math.max(0, length - n + 1);
        int[] hashes = new int[count];
        int k = 0;
        for (int n = minN; n <= maxN; n++) {
            for (int start = 0; start + n <= length; start++) {
                int hash = 0x811C9DC5 ^ (n * 0x9E3779B9);
                for (int i = start; i < start + n; i++) {
                    hash ^= clean.charAt(i);
                    hash *= 0x01000193;
                }
                hashes[k++] = Math.floorMod(hash, buckets);
            }
        }
        Arrays.sort(hashes);
        int distinct = 0;
        for (int i = 0; i < hashes.length; i++) if (i == 0 || hashes[i] != hashes[i - 1]) distinct++;
        int[] indices = new int[distinct];
        float[] values = new float[distinct];
        int d = -1;
        for (int i = 0; i < hashes.length; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                indices[++d] = hashes[i];
                values[d] = 1;
            } else {
                values[d] += 1;
            }
        }
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (1 + Math.log(values[i]));
            sum += values[i] * values[i];
        }
        if (sum > 0) {
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < values.length; i++) values[i] *= scale;
        }
        return new FeatureRow(new float[0], indices, values);
    }

    static String normalise(String text) {
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        String folded = Normalizer.normalize(cut, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length() + 2).append(' ');
        boolean space = true;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                if (!space) out.append(' ');
                space = true;
            } else {
                out.append(c);
                space = false;
            }
        }
        if (!space) out.append(' ');
        return out.toString();
    }
}
