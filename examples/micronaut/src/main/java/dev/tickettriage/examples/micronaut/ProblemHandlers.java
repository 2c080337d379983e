package dev.tickettriage.examples.micronaut;

import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.IdempotencyConflictException;
import dev.tickettriage.error.IllegalStatusTransitionException;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.error.InvalidTicketException;
import dev.tickettriage.error.NotificationException;
import dev.tickettriage.error.StaleTicketException;
import dev.tickettriage.error.StorageException;
import dev.tickettriage.error.TicketNotFoundException;
import dev.tickettriage.error.TriageException;
import dev.tickettriage.error.TriageOverloadedException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps the library's typed errors, and bad request parameters, onto HTTP statuses and problem bodies. */
final class ProblemHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

    private ProblemHandlers() {
    }

    /** The library's errors: 400 bad input, 404, 409 conflicts, 502/503 for a failing classifier or store. */
    @Singleton
    static final class Triage implements ExceptionHandler<TriageException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        Triage(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, TriageException exception) {
            HttpStatus status = status(exception);
            if (status.getCode() >= 500) {
                LOG.warn("{} {} answered {}: {}", request.getMethod(), request.getPath(), status.getCode(), exception.getMessage());
            }
            MutableHttpResponse<?> response = HttpResponse.status(status);
            retryAfter(exception).ifPresent(delay -> response.header(HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, (delay.toMillis() + 999) / 1000))));
            ErrorContext context = ErrorContext.builder(request).cause(exception).errors(fieldErrors(exception)).build();
            return processor.processResponse(context, response);
        }

        static HttpStatus status(TriageException e) {
            if (e instanceof IdempotencyConflictException || e instanceof IllegalStatusTransitionException) return HttpStatus.CONFLICT;
            if (e instanceof InvalidInputException) return HttpStatus.BAD_REQUEST;
            if (e instanceof TicketNotFoundException) return HttpStatus.NOT_FOUND;
            if (e instanceof StaleTicketException) return HttpStatus.CONFLICT;
            if (e instanceof TriageOverloadedException) return HttpStatus.SERVICE_UNAVAILABLE;
            if (e instanceof ClassificationException || e instanceof NotificationException) {
                return e.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
            }
            if (e instanceof StorageException && e.retryable()) return HttpStatus.SERVICE_UNAVAILABLE;
            return HttpStatus.INTERNAL_SERVER_ERROR;
        }

        private static Optional<Duration> retryAfter(TriageException e) {
            if (e.retryAfter().isPresent()) return e.retryAfter();
            return e instanceof TriageOverloadedException ? Optional.of(Duration.ofSeconds(1)) : Optional.empty();
        }

        private static List<Error> fieldErrors(TriageException e) {
            if (e instanceof InvalidTicketException invalid) {
                return invalid.violations().stream().map(v -> fieldError(v.field(), v.reason())).toList();
            }
            if (e instanceof InvalidInputException invalid) return List.of(fieldError(invalid.field(), invalid.reason()));
            return List.of();
        }
    }

    /** Query or path parameters that could not be read: 400, each one named. */
    @Singleton
    static final class Parameters implements ExceptionHandler<InvalidParametersException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        Parameters(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, InvalidParametersException exception) {
            List<Error> errors = exception.errors().stream().map(e -> fieldError(e.field(), e.reason())).toList();
            return processor.processResponse(ErrorContext.builder(request).cause(exception).errors(errors).build(),
                    HttpResponse.badRequest());
        }
    }

    private static Error fieldError(String field, String reason) {
        return new Error() {
            @Override
            public Optional<String> getPath() {
                return Optional.of(field);
            }

            @Override
            public String getMessage() {
                return reason;
            }
        };
    }
}
