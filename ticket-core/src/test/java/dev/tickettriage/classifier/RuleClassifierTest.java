package dev.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleClassifierTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final RuleClassifier classifier = RuleClassifier.builder().clock(FIXED).build();
    private final Taxonomy taxonomy = Taxonomy.defaultSupport();

    static Ticket ticket(String body) {
        return Ticket.builder().id(TicketId.of(new UUID(0, 1))).createdAt(Instant.EPOCH).body(body).build();
    }

    private Classification classify(String body) {
        return classifier.classify(ticket(body), taxonomy);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I was charged twice this month and want a refund | billing",
            "Me cobraron dos veces, necesito un reembolso | billing",
            "The app crashes every time I open it | technical",
            "La aplicación no funciona desde ayer | technical",
            "I forgot my password and cannot log in | account",
            "No puedo entrar a mi cuenta, olvidé la contraseña | account",
            "My package has not arrived, where is the tracking number? | shipping",
            "Mi pedido no ha llegado todavía | shipping",
            "It would be great to have dark mode | feedback",
            "Sería genial poder exportar a PDF | feedback",
            "Your support is useless, I want to speak to a manager | complaint",
            "Pésimo servicio, voy a poner una queja | complaint"})
    void should_pick_default_category_when_keywords_match(String body, String expected) {
        assertThat(classify(body).category()).isEqualTo(Category.of(expected));
    }

    @Test
    void should_match_case_and_accent_insensitively_on_whole_words() {
        assertThat(classify("FACTURACION de octubre").category().id()).isEqualTo("billing");
        assertThat(classify("Facturación de octubre").category().id()).isEqualTo("billing");
        assertThat(classify("applesauce recipe").keyTopics()).doesNotContain("app");
    }

    @Test
    void should_fall_back_with_low_confidence_when_nothing_matches() {
        Classification result = classify("Lorem ipsum dolor sit amet");

        assertThat(result.category().id()).isEqualTo("other");
        assertThat(result.confidenceValue(ClassificationField.CATEGORY)).isLessThanOrEqualTo(0.3);
        assertThat(result.rationale()).hasValueSatisfying(r -> assertThat(r).contains("fallback"));
    }

    @Test
    void should_use_first_category_when_taxonomy_has_no_fallback() {
        Taxonomy plain = Taxonomy.builder().version("t1").category("alpha", "A").category("beta", "B").build();

        assertThat(classifier.classify(ticket("zzz qqq"), plain).category().id()).isEqualTo("alpha");
    }

    @Test
    void should_derive_matchers_from_label_words_when_taxonomy_is_custom() {
        Taxonomy banking = Taxonomy.builder().version("bank-1")
                .category("card_arrival", "card_arrival").category("lost_or_stolen_card", "lost_or_stolen_card")
                .category("exchange_rate", "exchange_rate").category("card_payment_wrong_exchange_rate", "x").build();

        assertThat(classifier.classify(ticket("My card was stolen yesterday"), banking).category().id()).isEqualTo("lost_or_stolen_card");
        assertThat(classifier.classify(ticket("What exchange rate do you use?"), banking).category().id()).isEqualTo("exchange_rate");
        assertThat(classifier.classify(ticket("When will my card arrive?"), banking).category().id()).isEqualTo("card_arrival");
    }

    @Test
    void should_use_aliases_and_examples_when_taxonomy_defines_them() {
        Taxonomy taxonomy = Taxonomy.builder().version("t2")
                .category("money", "Money", java.util.List.of("my invoice is wrong"), java.util.List.of("facturas"))
                .category("misc", "Misc").fallback("misc").build();

        assertThat(classifier.classify(ticket("tengo dos facturas"), taxonomy).category().id()).isEqualTo("money");
        assertThat(classifier.classify(ticket("the invoice total"), taxonomy).category().id()).isEqualTo("money");
    }

    @Test
    void should_apply_user_phrase_and_regex_rules() {
        RuleClassifier custom = RuleClassifier.builder().clock(FIXED)
                .rule("shipping", "pallet")
                .rule("billing", Pattern.compile("\\binv-\\d{4}\\b"))
                .build();

        assertThat(custom.classify(ticket("Where is my pallet?"), taxonomy).category().id()).isEqualTo("shipping");
        Classification byRegex = custom.classify(ticket("Question about INV-2024"), taxonomy);
        assertThat(byRegex.category().id()).isEqualTo("billing");
        assertThat(byRegex.rationale()).hasValueSatisfying(r -> assertThat(r).contains("/\\binv-\\d{4}\\b/"));
    }

    @Test
    void should_name_fired_rules_in_rationale() {
        Classification result = classify("I was charged twice, worst service, not happy. I want a refund");

        assertThat(result.rationale()).hasValueSatisfying(r -> assertThat(r)
                .contains("category billing: matched", "'charged twice'", "'refund'")
                .contains("'worst'(", "negated 'happy'(")
                .contains("priority HIGH: cue"));
        assertThat(result.keyTopics()).contains("charged twice", "refund").hasSizeLessThanOrEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Our site is down for everyone, total outage | URGENT",
            "There was a security breach on my account | URGENT",
            "My lawyer will contact you about legal action | URGENT",
            "Es urgente, la plataforma tiene una caída | URGENT",
            "Les pondré una demanda | URGENT",
            "Please refund my last order | HIGH",
            "I want to cancel my subscription | HIGH",
            "El sistema no funciona | HIGH",
            "Quiero un reembolso | HIGH",
            "Feature request: export to CSV | LOW",
            "Tengo una sugerencia para la app | LOW",
            "How do I change my address? | MEDIUM",
            "This is the worst, most terrible and useless company ever!!! | HIGH"})
    void should_set_priority_from_cues_and_sentiment(String body, Priority expected) {
        assertThat(classify(body).priority()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Hello, I would like to know how to change the email on my account | en",
            "Hola, quiero saber cómo cambiar el correo de mi cuenta | es",
            "¿Dónde está mi pedido? | es",
            "ok | und",
            "12345 | und"})
    void should_detect_language(String body, String tag) {
        assertThat(classify(body).language()).isEqualTo(Language.of(tag));
    }

    @Test
    void should_summarise_with_first_sentence_capped_at_160_chars() {
        assertThat(classify("Refund please. The rest is detail.").summary()).contains("Refund please.");
        assertThat(classify("word ".repeat(100)).summary()).hasValueSatisfying(s -> assertThat(s).hasSizeLessThanOrEqualTo(160));
        Ticket withSubject = ticket("body text").toBuilder().subject("Double charge on invoice").build();
        assertThat(classifier.classify(withSubject, taxonomy).summary()).contains("Double charge on invoice");
    }

    @Test
    void should_reply_in_ticket_language_for_its_category() {
        assertThat(classify("Quiero un reembolso de mi factura, gracias").suggestedReply())
                .hasValueSatisfying(r -> assertThat(r).contains("facturación"));
        assertThat(classify("I need a refund for my invoice").suggestedReply())
                .hasValueSatisfying(r -> assertThat(r).contains("billing"));
    }

    @Test
    void should_record_rule_provenance_and_confidences() {
        Classification result = classify("refund");

        assertThat(result.provenance().classifier()).isEqualTo("rules");
        assertThat(result.provenance().taxonomyVersion()).isEqualTo(taxonomy.version());
        assertThat(result.provenance().latency()).isEqualTo(Duration.ZERO);
        assertThat(result.confidences()).containsOnlyKeys(ClassificationField.CATEGORY, ClassificationField.SENTIMENT,
                ClassificationField.PRIORITY, ClassificationField.LANGUAGE);
        assertThat(result.confidences().values()).allSatisfy(c -> assertThat(c.source()).isEqualTo(ConfidenceSource.RULE));
        assertThat(classifier.capabilities()).containsExactlyInAnyOrder(ClassificationField.values());
    }

    @Test
    void should_give_equal_results_when_called_twice_with_fixed_clock() {
        String body = "The app crashes and I was charged twice. ¡Pésimo!";

        assertThat(classify(body)).isEqualTo(classify(body));
    }

    @Test
    void should_reject_blank_label_or_empty_phrase_in_builder() {
        assertThatThrownBy(() -> RuleClassifier.builder().rule(" ", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuleClassifier.builder().rule("billing", "!!!")).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Sería genial poder exportar a PDF | es",
            "¿Cuál es su horario? | es",
            "Could you tell me if my order shipped? | en"})
    void should_detect_language_of_short_tickets(String body, String tag) {
        assertThat(classifier.classify(ticket(body), dev.tickettriage.domain.Taxonomy.defaultSupport()).language())
                .isEqualTo(dev.tickettriage.domain.Language.of(tag));
    }
}
