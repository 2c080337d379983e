package dev.tickettriage.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/** {@link WebhookNotifier} with {@link WebhookFormat#TEAMS}: the receiver reads the card's title and message runs. */
class WebhookNotifierTeamsContractTest extends WebhookNotifierContractTest {

    @Override
    WebhookFormat format() {
        return WebhookFormat.TEAMS;
    }

    @Override
    Received decode(JsonNode payload) {
        JsonNode body = payload.path("attachments").path(0).path("content").path("body");
        String title = body.path(0).path("inlines").path(0).path("text").asText();
        JsonNode second = body.path(1);
        String message = "RichTextBlock".equals(second.path("type").asText()) ? second.path("inlines").path(0).path("text").asText() : "";
        return new Received(title, message);
    }
}
