package dev.tickettriage.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A fake hf-inference server: zero-shot answers rank the offered candidates in order, the one containing
 * {@code favourite} first (or the first offered); sentiment answers are negative for bodies containing "charged".
 * Inputs containing {@code poison} get a zero-shot answer naming only labels that were not offered.
 */
final class FakeHfTasks extends Dispatcher {

    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final String favourite;
    private final String poison;

    FakeHfTasks(String favourite, String poison) {
        this.favourite = favourite;
        this.poison = poison;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        JsonNode body = HfFixtures.body(request);
        String inputs = body.path("inputs").asText();
        String path = request.getUrl().encodedPath();
        if (path.endsWith("/models/" + HfFixtures.SENTIMENT)) {
            return inputs.contains("charged")
                    ? HfFixtures.ok(HfFixtures.sentiment("negative", 0.85, "neutral", 0.1, "positive", 0.05))
                    : HfFixtures.ok(HfFixtures.sentiment("negative", 0.1, "neutral", 0.7, "positive", 0.2));
        }
        if (!path.endsWith("/models/" + HfFixtures.ZERO_SHOT)) return HfFixtures.status(404, HfFixtures.error("Model not found"));
        if (inputs.contains(poison)) return HfFixtures.ok(HfFixtures.zeroShot(List.of("HACKED", "admin"), List.of(0.9, 0.1)));
        List<String> offered = new ArrayList<>();
        body.at("/parameters/candidate_labels").forEach(label -> offered.add(label.asText()));
        int best = 0;
        boolean found = false;
        for (int i = 0; i < offered.size(); i++) {
            if (offered.get(i).contains(favourite)) {
                best = i;
                found = true;
            }
        }
        List<String> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        labels.add(offered.get(best));
        double top = found ? 0.7 : 0.4;   // a chunk without the favourite has a weaker winner
        scores.add(top);
        double rest = offered.size() > 1 ? (1 - top) / (offered.size() - 1) : 0;
        for (int i = 0; i < offered.size(); i++) {
            if (i == best) continue;
            labels.add(offered.get(i));
            scores.add(rest);
        }
        return HfFixtures.ok(HfFixtures.zeroShot(labels, scores));
    }
}
