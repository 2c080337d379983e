package dev.tickettriage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "plain text|plain text",
            "a\\r\\nb|a\\nb",
            "a\\rb|a\\nb",
            "a\\r\\r\\nb|a\\n\\nb",
            "tab\\tkept|tab\\tkept",
            "nul\\u0000gone|nulgone",
            "bell\\u0007 del\\u007F c1\\u0085 ff\\u000C|bell del c1 ff"})
    void should_keep_tab_and_lf_and_strip_other_controls(String raw, String expected) {
        assertThat(Text.sanitize(unescape(raw))).contains(unescape(expected));
    }

    @Test
    void should_return_same_instance_when_text_is_already_clean() {
        String clean = "Hola, ¿qué tal? 😀";

        assertThat(Text.sanitize(clean)).containsSame(clean);
    }

    @Test
    void should_normalise_to_nfc() {
        assertThat(Text.sanitize("e\u0301")).contains("\u00E9");
    }

    @Test
    void should_return_empty_when_surrogate_is_unpaired() {
        assertThat(Text.sanitize("a\uD83Db")).isEmpty();
        assertThat(Text.sanitize("a\uDE00b")).isEmpty();
        assertThat(Text.sanitize("end\uD83D")).isEmpty();
        assertThat(Text.hasUnpairedSurrogate("ok 😀")).isFalse();
    }

    @Test
    void should_truncate_with_ellipsis_without_splitting_surrogate_pairs() {
        assertThat(Text.truncate("short", 10)).isEqualTo("short");
        assertThat(Text.truncate("abcdefghij", 5)).isEqualTo("abcd…").hasSize(5);
        String cut = Text.truncate("ab😀cd", 4);   // a b [high low] c d: a cut after 3 chars would split the emoji
        assertThat(Text.hasUnpairedSurrogate(cut)).isFalse();
        assertThat(cut).isEqualTo("ab…");
    }

    @Test
    void should_count_code_points_not_chars() {
        assertThat(Text.codePoints("😀😀a")).isEqualTo(3);
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'r': out.append('\r'); break;
                case 'n': out.append('\n'); break;
                case 't': out.append('\t'); break;
                case 'u': out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16)); i += 4; break;
                default: throw new IllegalArgumentException("bad escape \\" + next);
            }
        }
        return out.toString();
    }
}
