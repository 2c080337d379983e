package dev.tickettriage.domain;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The jakarta.validation annotations on NewTicket work with a provider, and the factory never needs one. */
class NewTicketValidationTest {

    private static ValidatorFactory validatorFactory;
    private static Validator validator;

    @BeforeAll
    static void createValidator() {
        validatorFactory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        validator = validatorFactory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        validatorFactory.close();
    }

    private static Set<String> invalidFields(NewTicket input) {
        return validator.validate(input).stream().map(ConstraintViolation::getPropertyPath).map(Object::toString)
                .collect(Collectors.toSet());
    }

    @Test
    void should_find_no_violation_when_input_is_valid() {
        NewTicket input = NewTicket.builder().subject("Card").body("My card has not arrived").customerEmail("a@example.com").build();

        assertThat(validator.validate(input)).isEmpty();
    }

    @Test
    void should_report_blank_body_bad_email_and_long_subject() {
        NewTicket input = NewTicket.builder().subject("s".repeat(TicketLimits.DEFAULT_MAX_SUBJECT_LENGTH + 1)).body("  ")
                .customerEmail("not an email").build();

        assertThat(invalidFields(input)).containsExactlyInAnyOrder("subject", "body", "customerEmail");
    }

    @Test
    void should_report_missing_body() {
        assertThat(invalidFields(NewTicket.builder().build())).containsExactly("body");
    }

    @Test
    void should_interpolate_messages_without_expression_language() {
        Set<String> messages = validator.validate(NewTicket.builder().body(" ").build()).stream()
                .map(ConstraintViolation::getMessage).collect(Collectors.toSet());

        assertThat(messages).containsExactly("must not be blank");
    }

    @Test
    void should_create_ticket_with_factory_alone_when_no_validator_is_used() {
        // TicketFactory validates by itself: this test touches no jakarta.validation type on the way
        Ticket ticket = TicketFactory.ofDefaults().create(NewTicket.of("  Hello  "), Instant.EPOCH);

        assertThat(ticket.body()).isEqualTo("Hello");
    }
}
