package dev.tickettriage.examples.micronaut;

import dev.tickettriage.error.TriageException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes every JSON error response, Micronaut's own (malformed JSON, unknown route, wrong method) and ours, as an
 * RFC 9457 problem: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, plus {@code errors}
 * naming each bad field. An unexpected server error shows no exception text (Micronaut logs it).
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
final class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    private static final String TYPE_PREFIX = "tag:tickettriage.dev,2026:problem:";

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        // our own exceptions carry messages written for callers (never ticket text or secrets)
        Optional<Throwable> ours = context.getRootCause()
                .filter(e -> e instanceof TriageException || e instanceof InvalidParametersException);
        List<Problem.FieldError> errors = context.getErrors().stream().filter(error -> error.getPath().isPresent())
                .map(error -> new Problem.FieldError(field(error), error.getMessage())).toList();
        String detail;
        if (status.getCode() >= 500 && ours.isEmpty()) {
            detail = "The server failed to answer this request; its log has the details.";
        } else if (ours.isPresent()) {
            detail = ours.get().getMessage();
        } else {
            detail = context.getErrors().stream().map(Error::getMessage).findFirst().orElse(status.getReason());
        }
        String type = ours.map(e -> TYPE_PREFIX + kebab(e.getClass().getSimpleName())).orElse("about:blank");
        return new Problem(type, status.getReason(), status.getCode(), detail, context.getRequest().getPath(), errors);
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }

    /** Micronaut names a bad argument by a path such as {@code /request}; ours are field names already. */
    private static String field(Error error) {
        String path = error.getPath().orElseThrow();
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** {@code InvalidTicketException} becomes {@code invalid-ticket}. */
    private static String kebab(String exceptionName) {
        String name = exceptionName.endsWith("Exception") ? exceptionName.substring(0, exceptionName.length() - 9) : exceptionName;
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
