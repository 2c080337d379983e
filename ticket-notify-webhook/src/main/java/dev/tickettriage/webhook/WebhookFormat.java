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
    SLACK,
    /**
     * A Microsoft Teams message for a Teams incoming webhook (a Workflows "post to a channel when a webhook request is
     * received" flow, the replacement of the retired Office 365 connectors, which accepted the same envelope):
     * {@code {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
     * "content":<Adaptive Card 1.4>}]}}. The card holds the title (bold) and the message as plain-text runs of a
     * {@code RichTextBlock}, which Teams never reads as Markdown, so ticket text cannot add links or formatting; a
     * fact set with the priority and the ticket id; and an "Open ticket" {@code Action.OpenUrl} when there is a link.
     */
    TEAMS
}
