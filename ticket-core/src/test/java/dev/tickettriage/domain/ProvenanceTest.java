package dev.tickettriage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    private final Provenance call = Provenance.builder("openai", "v1").model("gpt-4o-mini").promptVersion("prompt-3")
            .latency(Duration.ofMillis(812)).tokenUsage(new TokenUsage(420, 35)).estimatedCostUsd(new BigDecimal("0.00012")).build();

    @Test
    void should_keep_source_and_drop_tokens_and_cost_when_turned_into_a_cache_hit() {
        Provenance hit = call.asCacheHit(Duration.ofNanos(4_000));

        assertThat(hit.isCacheHit()).isTrue();
        assertThat(call.isCacheHit()).isFalse();
        assertThat(hit.classifier()).isEqualTo("openai");
        assertThat(hit.modelName()).contains("gpt-4o-mini");
        assertThat(hit.prompt()).contains("prompt-3");
        assertThat(hit.tokenUsage()).isEqualTo(TokenUsage.NONE);
        assertThat(hit.cost()).hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo(BigDecimal.ZERO));
        assertThat(hit.latency()).isEqualTo(Duration.ofNanos(4_000));
        assertThat(hit).isNotEqualTo(call.withLatency(Duration.ofNanos(4_000)));
    }

    @Test
    void should_leave_cost_absent_when_a_free_classifiers_answer_is_a_cache_hit() {
        assertThat(Provenance.of("rules", "v1", Duration.ZERO).asCacheHit(Duration.ZERO).cost()).isEmpty();
    }

    @Test
    void should_reject_a_cache_hit_with_tokens_or_cost() {
        assertThatThrownBy(() -> Provenance.builder("llm", "v1").cacheHit().tokenUsage(new TokenUsage(1, 0)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Provenance.builder("llm", "v1").cacheHit().estimatedCostUsd(BigDecimal.ONE).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_equal_the_same_values_built_by_constructor_or_builder() {
        Provenance constructed = new Provenance("openai", "gpt-4o-mini", "v1", "prompt-3", Duration.ofMillis(812),
                new TokenUsage(420, 35), new BigDecimal("0.00012"));

        assertThat(constructed).isEqualTo(call).hasSameHashCodeAs(call);
        assertThat(call.toBuilder().build()).isEqualTo(call);
        assertThat(Provenance.of("rules", "v1", Duration.ZERO).modelName()).isEmpty();
    }
}
