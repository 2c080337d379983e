package dev.tickettriage.smtp;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Who gets the e-mail for one notification target: {@code to}, {@code cc} and {@code replyTo} addresses, each
 * checked strictly (RFC 822 syntax, no line breaks) when created. These come from the host's configuration, never
 * from a ticket. Immutable and thread-safe.
 *
 * @param to      at least one address
 * @param cc      may be empty
 * @param replyTo may be empty
 */
public record MailRecipients(List<String> to, List<String> cc, List<String> replyTo) {

    /**
     * Checks and copies the lists.
     *
     * @throws IllegalArgumentException when {@code to} is empty or an address is not a valid single address
     */
    public MailRecipients {
        to = checked("to", to);
        cc = checked("cc", cc);
        replyTo = checked("replyTo", replyTo);
        if (to.isEmpty()) throw new IllegalArgumentException("to must name at least one address");
    }

    /** Recipients with only {@code to} addresses. */
    public static MailRecipients to(String... to) {
        return new MailRecipients(List.of(to), List.of(), List.of());
    }

    /** A copy with these {@code cc} addresses. */
    public MailRecipients withCc(String... cc) {
        return new MailRecipients(to, List.of(cc), replyTo);
    }

    /** A copy with these {@code replyTo} addresses. */
    public MailRecipients withReplyTo(String... replyTo) {
        return new MailRecipients(to, cc, List.of(replyTo));
    }

    InternetAddress[] toAddresses() {
        return parse(to);
    }

    InternetAddress[] ccAddresses() {
        return parse(cc);
    }

    InternetAddress[] replyToAddresses() {
        return parse(replyTo);
    }

    private static List<String> checked(String field, List<String> addresses) {
        Objects.requireNonNull(addresses, field);
        List<String> copy = List.copyOf(addresses);
        for (String address : copy) parseOne(field, address);
        return copy;
    }

    private static InternetAddress parseOne(String field, String address) {
        if (address.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " address must not contain control characters");
        }
        try {
            InternetAddress[] parsed = InternetAddress.parse(address, true);
            if (parsed.length != 1) throw new IllegalArgumentException(field + " must hold one address per entry, was " + parsed.length);
            parsed[0].validate();
            return parsed[0];
        } catch (AddressException e) {
            throw new IllegalArgumentException(field + " address is not valid: " + e.getMessage(), e);
        }
    }

    private static InternetAddress[] parse(List<String> addresses) {
        return addresses.stream().map(address -> parseOne("address", address)).toArray(InternetAddress[]::new);
    }
}
