package dev.tickettriage.port;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One page of results and, when more may follow, the cursor for the next page. */
public record Page<T>(List<T> items, @Nullable PageCursor nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    public Optional<PageCursor> next() {
        return Optional.ofNullable(nextCursor);
    }

    public boolean hasNext() {
        return nextCursor != null;
    }

    public static <T> Page<T> of(List<T> items, @Nullable PageCursor next) {
        return new Page<>(Objects.requireNonNull(items, "items"), next);
    }
}
