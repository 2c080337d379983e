package dev.tickettriage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaxonomyTest {

    private final Taxonomy taxonomy = Taxonomy.builder().version("bank-1")
            .category("card_arrival", "Card not arrived", List.of(), List.of("card_delivery", "Tarjeta"))
            .category("Refund_not_showing_up", "Refund missing", List.of(), List.of("refund"))
            .category("other", "Anything else")
            .fallback("other")
            .build();

    @Test
    void should_keep_labels_in_declaration_order_and_verbatim() {
        assertThat(taxonomy.categories()).containsExactly(Category.of("card_arrival"), Category.of("Refund_not_showing_up"),
                Category.of("other"));
        assertThat(taxonomy.version()).isEqualTo("bank-1");
        assertThat(taxonomy.fallback()).contains(Category.of("other"));
    }

    @Test
    void should_resolve_label_alias_and_case_insensitive_answers() {
        assertThat(taxonomy.resolve("card_arrival")).contains(Category.of("card_arrival"));
        assertThat(taxonomy.resolve("  REFUND_NOT_SHOWING_UP ")).contains(Category.of("Refund_not_showing_up"));
        assertThat(taxonomy.resolve("tarjeta")).contains(Category.of("card_arrival"));
        assertThat(taxonomy.resolve("Refund")).contains(Category.of("Refund_not_showing_up"));
        assertThat(taxonomy.resolve("billing")).isEmpty();
    }

    @Test
    void should_return_category_when_required_label_is_known() {
        assertThat(taxonomy.require(Category.of("other"))).isEqualTo(Category.of("other"));
    }

    @Test
    void should_throw_with_field_category_when_required_label_is_unknown() {
        assertThatThrownBy(() -> taxonomy.require(Category.of("billing")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("category"));
    }

    @Test
    void should_reject_duplicate_labels() {
        Taxonomy.Builder builder = Taxonomy.builder().version("v").category("billing", "a").category("billing", "b");

        assertThatThrownBy(builder::build).isInstanceOf(InvalidInputException.class).hasMessageContaining("billing");
    }

    @Test
    void should_reject_labels_that_differ_only_in_case() {
        Taxonomy.Builder builder = Taxonomy.builder().version("v").category("billing", "a").category("Billing", "b");

        assertThatThrownBy(builder::build).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void should_reject_alias_that_clashes_with_another_label_ignoring_case() {
        Taxonomy.Builder builder = Taxonomy.builder().version("v")
                .category("billing", "a").category("refunds", "b", List.of(), List.of("BILLING"));

        assertThatThrownBy(builder::build).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void should_reject_alias_used_by_two_labels() {
        Taxonomy.Builder builder = Taxonomy.builder().version("v")
                .category("billing", "a", List.of(), List.of("money"))
                .category("refunds", "b", List.of(), List.of("Money"));

        assertThatThrownBy(builder::build).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void should_accept_alias_repeating_its_own_label() {
        Taxonomy ok = Taxonomy.builder().version("v").category("billing", "a", List.of(), List.of("Billing")).build();

        assertThat(ok.resolve("BILLING")).contains(Category.of("billing"));
    }

    @Test
    void should_reject_empty_taxonomy_blank_version_blank_alias_and_unknown_fallback() {
        assertThatThrownBy(() -> Taxonomy.builder().version("v").build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Taxonomy.builder().version(" ").category("a", "a").build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Taxonomy.builder().category("a", "a").build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Taxonomy.builder().version("v").category("a", "a", List.of(), List.of(" ")).build())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Taxonomy.builder().version("v").category("a", "a").fallback("b").build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("taxonomy.fallback"));
    }

    @Test
    void should_ship_a_valid_default_taxonomy_with_english_and_spanish_aliases() {
        Taxonomy defaults = Taxonomy.defaultSupport();

        assertThat(defaults.fallback()).contains(Category.of("other"));
        assertThat(defaults.resolve("facturación")).contains(Category.of("billing"));
        assertThat(defaults.resolve("Refund")).contains(Category.of("billing"));
        assertThat(defaults.resolve("queja")).contains(Category.of("complaint"));
    }
}
