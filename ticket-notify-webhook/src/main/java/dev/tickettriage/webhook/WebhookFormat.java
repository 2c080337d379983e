package dev.tickettriage.webhook;

/** The body {@link WebhookNotifier} sends. */
public enum WebhookFormat {
    /**
     * The notification as JSON: {@code type}, {@code idempotencyKey}, {@code target}, {@code title}, {@code message},
     * {@code priority}, {@code tags}, {@code link} (when there is one), {@code ticket.id} and {@code sentAt}.
     */
    JSON,
    /**
     * A Slack incoming-webhook message: {@code text} (the notification fallback) and {@code blocks} (a section with
     * the bold title and the message, a context line with the priority and the ticket link); ticket text is escaped
     * so it cannot add links or {@code <!channel>} mentions. Mattermost and Rocket.Chat accept it too.
     */
    SLACK
}
