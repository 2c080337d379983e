package dev.tickettriage.eval;

import java.util.Objects;

/** One evaluation row: a text and its gold label (the label is compared verbatim). */
public record LabeledExample(String text, String label) {

    public LabeledExample {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) throw new IllegalArgumentException("label must not be blank");
    }
}
