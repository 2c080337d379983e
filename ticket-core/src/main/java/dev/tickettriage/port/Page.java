package dev.tickettriage.port;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One page of results and, when more may follow, the cursor for the next page. Immutable. */
public final class Page<T> {

    private final List<T> items;
    private final @Nullable PageCursor next;

    private Page(List<T> items, @Nullable PageCursor next) {
        this.items = List.copyOf(items);
        this.next = next;
    }

    /** A page of {@code items}; {@code next} is {@code null} on the last page. */
    public static <T> Page<T> of(List<T> items, @Nullable PageCursor next) {
        return new Page<>(Objects.requireNonNull(items, "items"), next);
    }

    public List<T> items() {
        return items;
    }

    /** The cursor for the next page; empty on the last page. */
    public Optional<PageCursor> next() {
        return Optional.ofNullable(next);
    }

    public boolean hasNext() {
        return next != null;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        if (!(other instanceof Page)) return false;
        Page<?> that = (Page<?>) other;
        return items.equals(that.items) && Objects.equals(next, that.next);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, next);
    }

    @Override
    public String toString() {
        return "Page[items=" + items.size() + ", next=" + next + "]";
    }
}
