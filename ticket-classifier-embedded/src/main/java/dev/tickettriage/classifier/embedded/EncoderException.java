package dev.tickettriage.classifier.embedded;

import dev.tickettriage.error.TriageException;

/**
 * The encoder could not be loaded or failed at run time (a missing or corrupt model file, a tokenizer that does not
 * parse, an ONNX Runtime error). Never retryable: the same input fails the same way. Messages name the file or the
 * step, never ticket text.
 */
public final class EncoderException extends TriageException {

    private static final long serialVersionUID = 1L;

    public EncoderException(String message, Throwable cause) {
        super(message, cause);
    }

    public EncoderException(String message) {
        super(message);
    }
}
