package dev.tickettriage.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A fake OpenAI-compatible server: reads the ticket data of each request and answers every ticket (single or batch)
 * with {@code label}, except tickets whose body contains {@code poison}, answered with a label outside the taxonomy.
 */
final class FakeOpenAi extends Dispatcher {

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final String label;
    private final String poison;

    FakeOpenAi(String label, String poison) {
        this.label = label;
        this.poison = poison;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        JsonNode body = OpenAiFixtures.body(request);
        requests.add(body);
        JsonNode messages = body.get("messages");
        String user = messages.get(1).get("content").asText();
        JsonNode data = OpenAiFixtures.read(user.substring(user.indexOf("<ticket_data>\n") + 14, user.lastIndexOf("\n</ticket_data>")));
        if (data.isArray()) {
            List<String> refs = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (JsonNode ticket : data) {
                refs.add(ticket.get("ticket_id").asText());
                labels.add(labelFor(ticket));
            }
            return OpenAiFixtures.ok(OpenAiFixtures.completion(OpenAiFixtures.batchAnswer(refs, labels)));
        }
        ObjectNode answer = OpenAiFixtures.answer(labelFor(data));
        return OpenAiFixtures.ok(OpenAiFixtures.completion(answer.toString()));
    }

    private String labelFor(JsonNode ticket) {
        return ticket.path("body").asText().contains(poison) ? "HACKED" : label;
    }
}
