package dev.tickettriage.llm;

/** Why an answer was rejected; internal to the parse/repair loop. The message may quote model output. */
final class InvalidAnswer extends Exception {

    private static final long serialVersionUID = 1L;

    private final ModelOutputException.Kind kind;

    InvalidAnswer(ModelOutputException.Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    ModelOutputException.Kind kind() {
        return kind;
    }
}
