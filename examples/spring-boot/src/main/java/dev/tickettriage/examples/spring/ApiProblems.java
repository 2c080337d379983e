package dev.tickettriage.examples.spring;

import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.ExpiredAcknowledgementTokenException;
import dev.tickettriage.error.IdempotencyConflictException;
import dev.tickettriage.error.IllegalStatusTransitionException;
import dev.tickettriage.error.InvalidAcknowledgementTokenException;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.error.InvalidTicketException;
import dev.tickettriage.error.StaleTicketException;
import dev.tickettriage.error.StorageException;
import dev.tickettriage.error.TicketNotFoundException;
import dev.tickettriage.error.TriageOverloadedException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 {@code application/problem+json}: a {@code type} URI per kind of problem, a title, a detail
 * with no ticket text, and for bad input an {@code errors} array naming each field ({@code [{"field", "reason"}]}).
 * Framework errors (malformed JSON, wrong method, missing parameter) come out in the same shape.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);
    static final String TYPE_BASE = "urn:ticket-triage:problem:";

    /** One invalid field. */
    record FieldError(String field, String reason) {
    }

    /** Bad input found by the API itself (query parameters, PATCH fields), every field at once. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<FieldError> errors;

        BadRequest(List<FieldError> errors) {
            super("Invalid request: " + errors);
            this.errors = List.copyOf(errors);
        }

        List<FieldError> errors() {
            return errors;
        }
    }

    @ExceptionHandler(BadRequest.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequest e) {
        return invalid(e.errors());
    }

    @ExceptionHandler(InvalidTicketException.class)
    ResponseEntity<ProblemDetail> invalidTicket(InvalidTicketException e) {
        return invalid(e.violations().stream().map(v -> new FieldError(requestField(v.field()), v.reason())).toList());
    }

    @ExceptionHandler(IllegalStatusTransitionException.class)
    ResponseEntity<ProblemDetail> transition(IllegalStatusTransitionException e) {
        return problem(HttpStatus.CONFLICT, "illegal-status-transition", "Status change not allowed", e.getMessage(),
                Map.of("errors", List.of(new FieldError(e.field(), e.reason()))));
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ResponseEntity<ProblemDetail> idempotency(IdempotencyConflictException e) {
        return problem(HttpStatus.CONFLICT, "idempotency-conflict", "Idempotency key reused for another ticket", e.getMessage(),
                Map.of("errors", List.of(new FieldError(e.field(), e.reason()))));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        return invalid(List.of(new FieldError(e.field(), e.reason())));
    }

    @ExceptionHandler(TicketNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(TicketNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "ticket-not-found", "Ticket not found", e.getMessage(), Map.of());
    }

    @ExceptionHandler(StaleTicketException.class)
    ResponseEntity<ProblemDetail> stale(StaleTicketException e) {
        return problem(HttpStatus.CONFLICT, "stale-ticket", "The ticket changed meanwhile; reload and retry", e.getMessage(), Map.of());
    }

    @ExceptionHandler(TriageOverloadedException.class)
    ResponseEntity<ProblemDetail> overloaded(TriageOverloadedException e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                "The backlog is full; retry later", e.getMessage(), Map.of());
        return ResponseEntity.status(response.getStatusCode()).header(HttpHeaders.RETRY_AFTER,
                String.valueOf(e.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(1L))).body(response.getBody());
    }

    @ExceptionHandler(ExpiredAcknowledgementTokenException.class)
    ResponseEntity<ProblemDetail> expired(ExpiredAcknowledgementTokenException e) {
        return problem(HttpStatus.GONE, "acknowledgement-expired", "The acknowledge link has expired", e.getMessage(), Map.of());
    }

    @ExceptionHandler(InvalidAcknowledgementTokenException.class)
    ResponseEntity<ProblemDetail> badToken(InvalidAcknowledgementTokenException e) {
        return problem(HttpStatus.FORBIDDEN, "acknowledgement-invalid", "The acknowledge link is not valid", e.getMessage(), Map.of());
    }

    @ExceptionHandler(ClassificationException.class)
    ResponseEntity<ProblemDetail> classification(ClassificationException e) {
        return problem(HttpStatus.BAD_GATEWAY, "classification-failed", "The classifier failed", e.getMessage(),
                Map.of("retryable", e.retryable()));
    }

    @ExceptionHandler(StorageException.class)
    ResponseEntity<ProblemDetail> storage(StorageException e) {
        LOG.warn("Ticket store failed: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "The ticket store failed", "The ticket store failed; retry later", Map.of());
    }

    @ExceptionHandler(UnsupportedOperationException.class)
    ResponseEntity<ProblemDetail> unsupported(UnsupportedOperationException e) {
        return problem(HttpStatus.NOT_IMPLEMENTED, "not-configured", "Not available with this configuration", e.getMessage(), Map.of());
    }

    /** The request's name of a field the library names by its domain path ({@code customer.email} is {@code customerEmail}). */
    static String requestField(String libraryField) {
        if (!libraryField.startsWith("customer.") || libraryField.length() <= "customer.".length()) return libraryField;
        String rest = libraryField.substring("customer.".length());
        return "customer" + Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
    }

    private static ResponseEntity<ProblemDetail> invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).reason()
                : errors.size() + " fields are invalid";
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail, Map.of("errors", errors));
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail, Map<String, Object> extra) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        extra.forEach(problem::setProperty);
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
