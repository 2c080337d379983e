package dev.tickettriage.openai.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.llm.LlmReply;
import dev.tickettriage.llm.LlmRequest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * One OpenAI wire API (Chat Completions or Responses): the request body for an {@link LlmRequest} and the
 * {@link LlmReply} in an answer. Bodies are written with the streaming generator; the static parts every request of
 * a taxonomy shares (the system prompt, the output schema) are escaped once and then copied as raw JSON. Thread-safe.
 */
public abstract class WireApi {

    /** What the body must carry. */
    public record BodyOptions(String model, @Nullable Long seed, int maxOutputTokensPerTicket, boolean structuredOutput, boolean logprobs) {
    }

    protected final ObjectMapper json;
    private final JsonLiterals literals;

    protected WireApi(ObjectMapper json) {
        this.json = json;
        this.literals = new JsonLiterals(json);
    }

    /** The path under the base URL ({@code chat/completions} or {@code responses}). */
    public abstract String path();

    /** The endpoint name the Batch API expects ({@code /v1/chat/completions} or {@code /v1/responses}). */
    public abstract String batchEndpoint();

    /** The request body. */
    public final String body(LlmRequest request, BodyOptions options) {
        StringWriter out = new StringWriter(request.schemaJson().length() + 2_048 + request.messages().stream().mapToInt(m -> m.content().length()).sum());
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            write(generator, request, options);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("the request could not be written as JSON", e);
        }
        return out.toString();
    }

    protected abstract void write(JsonGenerator generator, LlmRequest request, BodyOptions options) throws IOException;

    /** Parses a 2xx answer body; throws when it is not this API's response object. */
    public abstract LlmReply reply(String body, @Nullable String requestId) throws JsonProcessingException;

    /** The output token limit for a request of {@code tickets} tickets, or 0 for none. */
    protected static long maxOutputTokens(BodyOptions options, int tickets) {
        return options.maxOutputTokensPerTicket() <= 0 ? 0 : 256 + (long) options.maxOutputTokensPerTicket() * tickets;
    }

    /** Writes {@code text} as a JSON string, from the cache when it is a long static text seen before. */
    protected final void writeText(JsonGenerator generator, String text) throws IOException {
        literals.write(generator, text);
    }

    /** Writes the schema JSON as raw JSON (checked once per distinct schema text). */
    protected final void writeSchema(JsonGenerator generator, String schemaJson) throws IOException {
        literals.writeRawJson(generator, schemaJson);
    }
}
