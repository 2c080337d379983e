package dev.tickettriage.smtp;

/** How the connection to the SMTP server is protected. */
public enum SmtpSecurity {
    /** Plain SMTP, no TLS (local relays and tests only). */
    NONE,
    /**
     * Upgrade with STARTTLS and fail when the server does not offer it (submission, port 587). The default: an
     * opportunistic upgrade would let a man in the middle strip TLS.
     */
    STARTTLS_REQUIRED,
    /** Upgrade with STARTTLS when the server offers it, else go on in clear text. */
    STARTTLS_OPTIONAL,
    /** Implicit TLS from the first byte (SMTPS, port 465). */
    SSL
}
