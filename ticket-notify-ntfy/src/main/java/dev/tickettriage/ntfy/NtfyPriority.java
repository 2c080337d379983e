package dev.tickettriage.ntfy;

import dev.tickettriage.domain.Priority;
import java.util.Objects;

/** ntfy's message priorities, 1 (min) to 5 (max); sent as the JSON field {@code priority}. */
public enum NtfyPriority {
    /** 1: no sound or vibration, folded away. */
    MIN(1),
    /** 2: no sound or vibration. */
    LOW(2),
    /** 3: ntfy's default. */
    DEFAULT(3),
    /** 4: long vibration and pop-over. */
    HIGH(4),
    /** 5: very long vibration bursts, pop-over (ntfy calls it max or urgent). */
    MAX(5);

    private final int value;

    NtfyPriority(int value) {
        this.value = value;
    }

    /** The number ntfy expects, 1 to 5. */
    public int value() {
        return value;
    }

    /** The default mapping from a notification's priority: LOW 2, MEDIUM 3, HIGH 4, URGENT 5. */
    public static NtfyPriority of(Priority priority) {
        Objects.requireNonNull(priority, "priority");
        switch (priority) {
            case LOW:
                return LOW;
            case MEDIUM:
                return DEFAULT;
            case HIGH:
                return HIGH;
            case URGENT:
                return MAX;
            default:
                throw new IllegalStateException("unknown priority " + priority);
        }
    }
}
