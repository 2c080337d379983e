package dev.tickettriage.examples.micronaut;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of {@code GET /api/tickets}; pass {@code next} back as {@code cursor} for the following page (none when last). */
@Serdeable
public record TicketPage(List<TicketView> items, @Nullable String next) {
}
