/**
 * A {@link dev.tickettriage.port.Notifier} that POSTs notifications as signed JSON to any URL (the host's endpoint,
 * n8n, Slack or Teams incoming webhooks): {@link dev.tickettriage.webhook.WebhookNotifier}, and
 * {@link dev.tickettriage.webhook.WebhookSignature} for receivers to verify what they got.
 */
@NullMarked
package dev.tickettriage.webhook;

import org.jspecify.annotations.NullMarked;
