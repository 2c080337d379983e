package dev.tickettriage.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A fake of OpenAI's Files and Batch routes (bodies written from the spec's {@code OpenAIFile} and {@code Batch}):
 * the upload is kept, the batch is {@code validating}, then {@code in_progress} for {@code pollsInProgress} polls,
 * then {@code completed}; the output file answers each uploaded line (label {@code billing}; {@code HACKED} for a
 * ticket containing "POISON"), lines of tickets containing "BROKEN" go to the error file with status 500. Chat
 * completions (repairs) are answered with a valid {@code billing} answer.
 */
final class FakeBatchApi extends Dispatcher {

    final List<String> uploadedLines = new CopyOnWriteArrayList<>();
    final List<JsonNode> createRequests = new CopyOnWriteArrayList<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();
    private final int pollsInProgress;
    private final String finalStatus;

    FakeBatchApi(int pollsInProgress, String finalStatus) {
        this.pollsInProgress = pollsInProgress;
        this.finalStatus = finalStatus;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String path = request.getTarget();
        if (request.getMethod().equals("POST") && path.equals("/v1/files")) {
            for (String line : request.getBody().utf8().split("\r?\n")) {
                if (line.startsWith("{\"custom_id\"")) uploadedLines.add(line);
            }
            return OpenAiFixtures.ok(file("file-in", "batch").toString());
        }
        if (request.getMethod().equals("POST") && path.equals("/v1/batches")) {
            createRequests.add(OpenAiFixtures.body(request));
            return OpenAiFixtures.ok(batch("validating").toString());
        }
        if (path.equals("/v1/batches/batch_1")) {
            int poll = polls.incrementAndGet();
            return OpenAiFixtures.ok(batch(poll <= pollsInProgress ? "in_progress" : finalStatus).toString());
        }
        if (path.equals("/v1/files/file-out/content")) return jsonl(false);
        if (path.equals("/v1/files/file-err/content")) return jsonl(true);
        if (path.equals("/v1/chat/completions")) {
            return OpenAiFixtures.ok(OpenAiFixtures.completion(OpenAiFixtures.answer("billing").toString()));
        }
        return new MockResponse.Builder().code(404).body("{\"error\":{\"message\":\"no route\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}").build();
    }

    static ObjectNode file(String id, String purpose) {
        return OpenAiFixtures.JSON.createObjectNode().put("id", id).put("object", "file").put("bytes", 1_024).put("created_at", 1_767_225_600L)
                .put("expires_at", 1_769_817_600L).put("filename", "ticket-triage-batch.jsonl").put("purpose", purpose).put("status", "processed");
    }

    ObjectNode batch(String status) {
        ObjectNode batch = OpenAiFixtures.JSON.createObjectNode().put("id", "batch_1").put("object", "batch").put("endpoint", "/v1/chat/completions")
                .put("input_file_id", "file-in").put("completion_window", "24h").put("status", status).put("created_at", 1_767_225_600L);
        int total = uploadedLines.size();
        boolean done = status.equals("completed");
        if (done) {
            batch.put("output_file_id", "file-out").put("error_file_id", "file-err").put("completed_at", 1_767_229_200L);
        }
        if (status.equals("failed")) {
            ObjectNode errors = batch.putObject("errors").put("object", "list");
            errors.putArray("data").addObject().put("code", "invalid_json_line").put("message", "Line 1 is not valid JSON").put("line", 1);
        }
        batch.putObject("request_counts").put("total", total).put("completed", done ? total : total / 2).put("failed", 0);
        batch.putObject("metadata").put("source", "ticket-triage");
        return batch;
    }

    private MockResponse jsonl(boolean errors) {
        StringBuilder out = new StringBuilder();
        List<String> lines = new ArrayList<>(uploadedLines);
        java.util.Collections.reverse(lines);   // output order is not guaranteed
        for (String line : lines) {
            JsonNode input = OpenAiFixtures.read(line);
            String user = input.at("/body/messages/1/content").asText();
            boolean broken = user.contains("BROKEN");
            if (broken != errors) continue;
            ObjectNode output = OpenAiFixtures.JSON.createObjectNode().put("id", "batch_req_" + input.get("custom_id").asText())
                    .put("custom_id", input.get("custom_id").asText());
            ObjectNode response = output.putObject("response");
            if (broken) {
                response.put("status_code", 500).put("request_id", "req_batch_500");
                response.set("body", OpenAiFixtures.read("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
            } else {
                response.put("status_code", 200).put("request_id", "req_batch_ok");
                String label = user.contains("POISON") ? "HACKED" : "billing";
                response.set("body", OpenAiFixtures.read(OpenAiFixtures.completion(OpenAiFixtures.answer(label).toString())));
            }
            output.putNull("error");
            out.append(output).append('\n');
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/octet-stream").body(out.toString()).build();
    }
}
