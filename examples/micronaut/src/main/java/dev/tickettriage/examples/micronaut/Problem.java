package dev.tickettriage.examples.micronaut;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}); {@code errors} names each bad field and why.
 */
@Serdeable
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
                      List<FieldError> errors) {

    static final String MEDIA_TYPE = "application/problem+json";

    /** One broken rule: the field (a JSON property, a query or path parameter) and the reason. */
    @Serdeable
    public record FieldError(String field, String reason) {
    }
}
