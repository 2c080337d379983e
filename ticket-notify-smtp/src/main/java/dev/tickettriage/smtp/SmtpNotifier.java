package dev.tickettriage.smtp;

import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.net.URI;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Notifier} that e-mails each notification as a multipart message (text/plain and text/html, UTF-8)
 * over SMTP, with Jakarta Mail and Eclipse Angus.
 *
 * <p><b>Recipients.</b> A notification's {@link Notification#target() target} picks the recipients: those given with
 * {@link Builder#recipients(String, MailRecipients)} for that target, else {@link Builder#defaultRecipients}. A target
 * with neither is a permanent failure (dead letter). Recipients always come from this configuration, never from the
 * notification, and the subject has every line break and control character replaced, so ticket text (subject,
 * customer name, e-mail) can neither add headers nor recipients.
 *
 * <p><b>Identity.</b> The {@code Message-ID} is derived from the notification's idempotency key
 * ({@code <sha256(key)@messageIdDomain>}), so a re-sent notification is the same message for mail clients and for
 * our receivers' dedupe; {@code References} names the ticket ({@code <ticket-ID@messageIdDomain>}), so mail clients
 * thread every e-mail about one ticket. {@code X-Ticket-Id} and {@code X-Idempotency-Key} carry both ids too.
 *
 * <p><b>Failures</b> are mapped by {@link #result(Exception)}: SMTP 4xx replies, I/O errors and timeouts are
 * retryable; 5xx replies, bad credentials and malformed messages are permanent. Each call opens its own connection
 * (with the configured connect, read and write timeouts), so the notifier is thread-safe and concurrent calls send
 * in parallel. Nothing is logged above DEBUG, and the password never appears in logs or {@link #toString()}.
 */
public final class SmtpNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpNotifier.class);
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final int MAX_DETAIL = 200;

    private final String host;
    private final int port;
    private final SmtpSecurity security;
    private final @Nullable String username;
    private final @Nullable String password;
    private final InternetAddress from;
    private final @Nullable MailRecipients defaultRecipients;
    private final Map<String, MailRecipients> recipientsByTarget;
    private final MailTemplates templates;
    private final @Nullable Function<Notification, URI> acknowledgeLink;
    private final String messageIdDomain;
    private final Clock clock;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final Session session;

    private SmtpNotifier(Builder builder, InternetAddress from) {
        this.host = Objects.requireNonNull(builder.host);
        this.port = builder.port != 0 ? builder.port : defaultPort(builder.security);
        this.security = builder.security;
        this.username = builder.username;
        this.password = builder.password;
        this.from = from;
        this.defaultRecipients = builder.defaultRecipients;
        this.recipientsByTarget = Map.copyOf(builder.recipientsByTarget);
        this.templates = builder.templates;
        this.acknowledgeLink = builder.acknowledgeLink;
        this.messageIdDomain = builder.messageIdDomain;
        this.clock = builder.clock;
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.writeTimeout = builder.writeTimeout;
        this.session = Session.getInstance(sessionProperties(builder));
    }

    /** A new builder; {@link Builder#host(String)}, {@link Builder#from(String)} and some recipients are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        MailRecipients recipients = recipientsFor(notification.target()).orElse(null);
        if (recipients == null) {
            return DeliveryResult.permanent("no e-mail recipients configured for target " + notification.target());
        }
        try {
            MimeMessage message = message(notification, recipients);
            try (Transport transport = session.getTransport()) {
                transport.connect(host, port, username, password);
                transport.sendMessage(message, message.getAllRecipients());
            }
            LOG.debug("Notification {} about ticket {} e-mailed to target {}", notification.idempotencyKey(),
                    notification.ticketId(), notification.target());
            return DeliveryResult.delivered();
        } catch (MessagingException | RuntimeException e) {
            DeliveryResult result = result(e);
            LOG.debug("Notification {} about ticket {} not e-mailed ({}): {}", notification.idempotencyKey(),
                    notification.ticketId(), result.status(), e.getClass().getName(), e);
            return result;
        }
    }

    @Override
    public String name() {
        return "smtp";
    }

    /** The recipients for {@code target}: its own, else the default ones; empty when there are neither. */
    public Optional<MailRecipients> recipientsFor(String target) {
        Objects.requireNonNull(target, "target");
        MailRecipients own = recipientsByTarget.get(target);
        return Optional.ofNullable(own != null ? own : defaultRecipients);
    }

    /** The Message-ID every e-mail for this idempotency key gets, angle brackets included. */
    public String messageId(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        return "<" + sha256Hex(idempotencyKey).substring(0, 40) + "@" + messageIdDomain + ">";
    }

    /**
     * Maps a failure while building or sending a message to a delivery result; the one place that decides
     * retryable versus permanent. An SMTP reply code found anywhere in the exception chain wins: 4xx (421 busy,
     * 450/451/452 mailbox or storage temporarily unavailable) is retryable and 5xx permanent. Otherwise bad credentials
     * ({@link AuthenticationFailedException}) are permanent; I/O errors, timeouts, refused connections and unknown hosts
     * (a DNS hiccup) anywhere in the chain are retryable; any other {@link MessagingException} (a malformed address
     * or message) is permanent, and any other exception (unexpected) retryable.
     */
    static DeliveryResult result(Exception failure) {
        int code = replyCode(failure);
        String detail = detail(failure, code);
        if (code >= 400 && code < 500) return DeliveryResult.retryable(detail, null);
        if (code >= 500 && code < 600) return DeliveryResult.permanent(detail);
        if (failure instanceof AuthenticationFailedException) {
            return DeliveryResult.permanent(detail + " (check the SMTP user and password)");
        }
        if (hasIoCause(failure)) return DeliveryResult.retryable(detail, null);
        // a MessagingException without a reply code or I/O cause is a malformed address or message: retrying cannot
        // fix it; anything else is unexpected and, like the port says, worth another attempt
        return failure instanceof MessagingException ? DeliveryResult.permanent(detail) : DeliveryResult.retryable(detail, null);
    }

    private MimeMessage message(Notification notification, MailRecipients recipients) throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, messageId(notification.idempotencyKey()));
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, recipients.toAddresses());
        if (!recipients.cc().isEmpty()) message.setRecipients(Message.RecipientType.CC, recipients.ccAddresses());
        if (!recipients.replyTo().isEmpty()) message.setReplyTo(recipients.replyToAddresses());
        message.setSubject(MailContent.subject(templates, notification), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("References", "<ticket-" + notification.ticketId() + "@" + messageIdDomain + ">");
        message.setHeader("X-Ticket-Id", notification.ticketId().toString());
        message.setHeader("X-Idempotency-Key", encodedHeader(notification.idempotencyKey()));
        message.setHeader("X-Priority", xPriority(notification));

        MimeBodyPart text = new MimeBodyPart();
        Optional<URI> ack = acknowledgeLink == null ? Optional.empty() : Optional.of(acknowledgeLink.apply(notification));
        text.setText(MailContent.text(templates, notification, ack), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(MailContent.html(templates, notification, ack), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);   // least preferred first
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static String xPriority(Notification notification) {
        switch (notification.priority()) {
            case URGENT: return "1 (Highest)";
            case HIGH: return "2 (High)";
            case LOW: return "5 (Lowest)";
            default: return "3 (Normal)";
        }
    }

    private static String encodedHeader(String value) throws MessagingException {
        try {
            return MimeUtility.fold(18, MimeUtility.encodeText(MailContent.headerSafe(value), "UTF-8", null));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is not supported", e);
        }
    }

    private static int replyCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SMTPSendFailedException) return ((SMTPSendFailedException) t).getReturnCode();
            if (t instanceof SMTPAddressFailedException) return ((SMTPAddressFailedException) t).getReturnCode();
            if (t instanceof SMTPSenderFailedException) return ((SMTPSenderFailedException) t).getReturnCode();
        }
        return -1;
    }

    private static boolean hasIoCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof IOException) return true;
            if (t.getClass().getName().endsWith("MailConnectException")) return true;
        }
        return false;
    }

    private static @Nullable Throwable next(Throwable t) {
        if (t instanceof MessagingException) {
            Exception next = ((MessagingException) t).getNextException();
            if (next != null && next != t) return next;
        }
        Throwable cause = t.getCause();
        return cause != t ? cause : null;
    }

    private static String detail(Exception failure, int code) {
        String kind = failure instanceof SocketTimeoutException || hasCause(failure, SocketTimeoutException.class) ? "timed out"
                : hasCause(failure, ConnectException.class) ? "connection refused"
                : hasCause(failure, UnknownHostException.class) ? "unknown host"
                : failure instanceof SendFailedException ? "send failed"
                : failure.getClass().getSimpleName();
        String message = Optional.ofNullable(failure.getMessage()).orElse("").strip();
        String text = "SMTP " + (code > 0 ? code + " " : "") + kind + (message.isEmpty() ? "" : ": " + message);
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 1) + "…";
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static int defaultPort(SmtpSecurity security) {
        switch (security) {
            case SSL: return 465;
            case NONE: return 25;
            default: return 587;
        }
    }

    private Properties sessionProperties(Builder builder) {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.auth", String.valueOf(username != null));
        properties.put("mail.smtp.connectiontimeout", String.valueOf(connectTimeout.toMillis()));
        properties.put("mail.smtp.timeout", String.valueOf(readTimeout.toMillis()));
        properties.put("mail.smtp.writetimeout", String.valueOf(writeTimeout.toMillis()));
        properties.put("mail.smtp.starttls.enable", String.valueOf(security == SmtpSecurity.STARTTLS_REQUIRED || security == SmtpSecurity.STARTTLS_OPTIONAL));
        properties.put("mail.smtp.starttls.required", String.valueOf(security == SmtpSecurity.STARTTLS_REQUIRED));
        properties.put("mail.smtp.ssl.enable", String.valueOf(security == SmtpSecurity.SSL));
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.mime.charset", "UTF-8");
        properties.putAll(builder.extraProperties);
        return properties;
    }

    /** The session properties this notifier uses, for tests of the TLS and timeout settings. */
    Properties sessionProperties() {
        return session.getProperties();
    }

    @Override
    public String toString() {
        return "SmtpNotifier[host=" + host + ", port=" + port + ", security=" + security
                + ", user=" + (username != null ? username : "none") + ", password=" + (password != null ? "****" : "none")
                + ", from=" + from.getAddress() + ", targets=" + recipientsByTarget.keySet()
                + ", timeouts=" + connectTimeout + "/" + readTimeout + "/" + writeTimeout + "]";
    }

    /** A message whose Message-ID survives {@code saveChanges()} (Jakarta Mail would replace it by a random one). */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /**
     * Configures an {@link SmtpNotifier}. Not thread-safe. Defaults: {@link SmtpSecurity#STARTTLS_REQUIRED}, port by
     * security (587, 465 for SSL, 25 for NONE), no authentication, connect timeout 10 s, read and write timeouts 30 s,
     * {@link MailTemplates#defaults()}, Message-ID domain {@code ticket-triage.local}, the system UTC clock.
     */
    public static final class Builder {
        private @Nullable String host;
        private int port;
        private SmtpSecurity security = SmtpSecurity.STARTTLS_REQUIRED;
        private @Nullable String username;
        private @Nullable String password;
        private @Nullable String fromAddress;
        private @Nullable String fromName;
        private @Nullable MailRecipients defaultRecipients;
        private final Map<String, MailRecipients> recipientsByTarget = new LinkedHashMap<>();
        private MailTemplates templates = MailTemplates.defaults();
        private @Nullable Function<Notification, URI> acknowledgeLink;
        private String messageIdDomain = "ticket-triage.local";
        private Clock clock = Clock.systemUTC();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private final Map<String, String> extraProperties = new HashMap<>();

        private Builder() {
        }

        /** The SMTP server's host name or address (required). */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank() || host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new IllegalArgumentException("host must be a host name or address");
            }
            this.host = host;
            return this;
        }

        /** The port, 1-65535 (default by security: 587, 465 for SSL, 25 for NONE). */
        public Builder port(int port) {
            if (port < 1 || port > 65_535) throw new IllegalArgumentException("port must be 1-65535, was " + port);
            this.port = port;
            return this;
        }

        /** How the connection is protected (default {@link SmtpSecurity#STARTTLS_REQUIRED}). */
        public Builder security(SmtpSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** Authenticates with {@code AUTH} as {@code username} (default: no authentication). The password is never printed. */
        public Builder credentials(String username, String password) {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.isBlank()) throw new IllegalArgumentException("username must not be blank");
            this.username = username;
            this.password = password;
            return this;
        }

        /** The sender address (required), for example {@code triage@example.com}. */
        public Builder from(String address) {
            return from(address, null);
        }

        /**
         * The sender address and display name (RFC 2047-encoded when not ASCII), for example
         * {@code from("triage@example.com", "Ticket Triage")}.
         */
        public Builder from(String address, @Nullable String displayName) {
            Objects.requireNonNull(address, "address");
            MailRecipients.to(address);   // the same strict check as recipients
            if (displayName != null && displayName.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("displayName must not contain control characters");
            }
            this.fromAddress = address;
            this.fromName = displayName;
            return this;
        }

        /** The recipients for every target without its own (default: none, so such targets fail permanently). */
        public Builder defaultRecipients(MailRecipients recipients) {
            this.defaultRecipients = Objects.requireNonNull(recipients, "recipients");
            return this;
        }

        /**
         * The recipients for notifications to {@code target} (a routing rule's notify target, for example
         * {@code escalations}); the way to give each rule its own to/cc/reply-to. Replaces earlier ones for the target.
         */
        public Builder recipients(String target, MailRecipients recipients) {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(recipients, "recipients");
            if (target.isBlank()) throw new IllegalArgumentException("target must not be blank");
            recipientsByTarget.put(target, recipients);
            return this;
        }

        /** The subject, text and HTML templates (default {@link MailTemplates#defaults()}). */
        public Builder templates(MailTemplates templates) {
            this.templates = Objects.requireNonNull(templates, "templates");
            return this;
        }

        /**
         * Adds an "Acknowledge" link to every e-mail ({@code {ackLink}} / {@code {ackLinkHtml}} in the templates),
         * for example {@code n -> URI.create("https://support.example.com/ack?token=" + acknowledgements.issue(n))}
         * with core's {@code AlertAcknowledgements}. Default none. The function runs once per delivery attempt; if it
         * throws, the attempt fails (retryable).
         */
        public Builder acknowledgeLink(Function<Notification, URI> link) {
            this.acknowledgeLink = Objects.requireNonNull(link, "link");
            return this;
        }

        /** The domain part of Message-IDs (default {@code ticket-triage.local}); use the host application's domain. */
        public Builder messageIdDomain(String domain) {
            Objects.requireNonNull(domain, "domain");
            if (!DOMAIN.matcher(domain).matches()) throw new IllegalArgumentException("messageIdDomain must be a domain name");
            this.messageIdDomain = domain;
            return this;
        }

        /** The clock for the {@code Date} header (default the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Connect, read and write timeouts (defaults 10 s, 30 s, 30 s); each positive and at most
         * {@code Integer.MAX_VALUE} ms. Jakarta Mail's own default is to wait forever.
         */
        public Builder timeouts(Duration connect, Duration read, Duration write) {
            this.connectTimeout = positive(connect, "connect");
            this.readTimeout = positive(read, "read");
            this.writeTimeout = positive(write, "write");
            return this;
        }

        /**
         * Sets any other Jakarta Mail session property (for example {@code mail.smtp.localhost} for the EHLO name, or
         * {@code mail.smtp.ssl.trust} for a test server); applied after, and so overriding, the builder's own.
         */
        public Builder sessionProperty(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (!key.startsWith("mail.")) throw new IllegalArgumentException("key must be a mail.* session property, was " + key);
            extraProperties.put(key, value);
            return this;
        }

        /**
         * Builds the notifier.
         *
         * @throws IllegalStateException when host or from is missing, or no recipients were configured
         */
        public SmtpNotifier build() {
            if (host == null) throw new IllegalStateException("host is required");
            if (fromAddress == null) throw new IllegalStateException("from is required");
            if (defaultRecipients == null && recipientsByTarget.isEmpty()) {
                throw new IllegalStateException("recipients are required: defaultRecipients(...) or recipients(target, ...)");
            }
            try {
                InternetAddress sender = new InternetAddress(fromAddress, true);
                if (fromName != null) sender.setPersonal(fromName, "UTF-8");
                return new SmtpNotifier(this, sender);
            } catch (MessagingException | UnsupportedEncodingException e) {
                throw new IllegalStateException("from is not a valid address", e);
            }
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " timeout must be positive, was " + value);
            }
            return value;
        }

        @Override
        public String toString() {
            return "SmtpNotifier.Builder[host=" + host + ", port=" + port + ", security=" + security
                    + ", user=" + (username != null ? username : "none") + ", password=" + (password != null ? "****" : "none") + "]";
        }
    }
}
