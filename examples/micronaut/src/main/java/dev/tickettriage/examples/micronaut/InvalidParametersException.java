package dev.tickettriage.examples.micronaut;

import java.util.List;

/** Query or path parameters that could not be read; answered 400 with every bad parameter named. */
final class InvalidParametersException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem.FieldError> errors;

    InvalidParametersException(List<Problem.FieldError> errors) {
        super("Invalid parameters: " + errors.stream().map(e -> e.field() + " " + e.reason()).toList());
        this.errors = List.copyOf(errors);
    }

    List<Problem.FieldError> errors() {
        return errors;
    }
}
