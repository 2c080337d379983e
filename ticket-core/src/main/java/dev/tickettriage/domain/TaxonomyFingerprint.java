package dev.tickettriage.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 over a taxonomy's declarations, each part tagged and length-prefixed so no two contents collide by concatenation. */
final class TaxonomyFingerprint {

    private final MessageDigest sha256;

    private TaxonomyFingerprint() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    static String of(Taxonomy taxonomy) {
        TaxonomyFingerprint digest = new TaxonomyFingerprint();
        digest.text("taxonomy/1").text(taxonomy.version()).text(taxonomy.fallback().map(Category::id).orElse(""));
        digest.number(taxonomy.definitions().size());
        for (CategoryDefinition definition : taxonomy.definitions()) {
            digest.text(definition.category().id()).text(definition.description()).texts(definition.examples())
                    .texts(definition.aliases());
        }
        digest.number(taxonomy.fields().size());
        for (FieldDefinition field : taxonomy.fields()) {
            digest.text(field.kind().name()).text(field.name()).text(field.description()).number(field.required() ? 1 : 0);
            if (field instanceof FieldDefinition.OneOfField oneOf) {
                digest.choices(oneOf.values());
            } else if (field instanceof FieldDefinition.ManyOfField manyOf) {
                digest.number(manyOf.minCount()).number(manyOf.maxCount()).choices(manyOf.values());
            } else if (field instanceof FieldDefinition.BooleanField bool) {
                digest.texts(bool.trueCues()).texts(bool.falseCues());
            } else if (field instanceof FieldDefinition.NumberField number) {
                digest.decimal(number.min()).decimal(number.max()).number(number.integer() ? 1 : 0);
            } else if (field instanceof FieldDefinition.TextField text) {
                digest.number(text.maxLength());
            }
        }
        return HexFormat.of().formatHex(digest.sha256.digest());
    }

    private TaxonomyFingerprint choices(List<FieldChoice> choices) {
        number(choices.size());
        for (FieldChoice choice : choices) text(choice.value()).text(choice.description()).texts(choice.examples()).texts(choice.aliases());
        return this;
    }

    private TaxonomyFingerprint texts(List<String> texts) {
        number(texts.size());
        for (String text : texts) text(text);
        return this;
    }

    private TaxonomyFingerprint text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        number(bytes.length);
        sha256.update(bytes);
        return this;
    }

    private TaxonomyFingerprint number(long value) {
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        return this;
    }

    private TaxonomyFingerprint decimal(double value) {
        return number(Double.doubleToLongBits(value == 0 ? 0.0 : value));
    }
}
