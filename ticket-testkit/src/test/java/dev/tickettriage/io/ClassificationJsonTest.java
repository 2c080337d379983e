package dev.tickettriage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.testkit.TicketFixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClassificationJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void should_round_trip_every_field_including_custom_fields_and_cost() throws Exception {
        Classification full = TicketFixtures.aFullClassification().build();

        String json = mapper.writeValueAsString(ClassificationJson.write(full, mapper.getNodeFactory()));

        assertThat(ClassificationJson.read(mapper.readTree(json), "c")).isEqualTo(full);
        assertThat(json).contains("\"costUsd\":\"0.000150\"");
    }

    @Test
    void should_round_trip_a_cache_hit_and_a_minimal_classification() {
        Classification minimal = TicketFixtures.aClassification().build();
        Classification hit = minimal.toBuilder().provenance(minimal.provenance().asCacheHit(Duration.ofMillis(1))).build();

        assertThat(ClassificationJson.read(ClassificationJson.write(minimal, mapper.getNodeFactory()), "c")).isEqualTo(minimal);
        assertThat(ClassificationJson.read(ClassificationJson.write(hit, mapper.getNodeFactory()), "c")).isEqualTo(hit);
    }

    @Test
    void should_name_the_field_when_a_value_is_invalid() {
        ObjectNode node = ClassificationJson.write(TicketFixtures.aFullClassification().build(), mapper.getNodeFactory());
        node.put("priority", "SOON");
        assertThatThrownBy(() -> ClassificationJson.read(node, "line 3"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("line 3.priority"));

        ObjectNode noProvenance = ClassificationJson.write(TicketFixtures.aClassification().build(), mapper.getNodeFactory());
        noProvenance.remove("provenance");
        assertThatThrownBy(() -> ClassificationJson.read(noProvenance, "c"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("c.provenance"));

        ObjectNode badConfidence = ClassificationJson.write(TicketFixtures.aClassification().build(), mapper.getNodeFactory());
        ((ObjectNode) badConfidence.get("confidences").get("CATEGORY")).put("value", 7.0);
        assertThatThrownBy(() -> ClassificationJson.read(badConfidence, "c"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("c.confidences.CATEGORY"));
    }
}
