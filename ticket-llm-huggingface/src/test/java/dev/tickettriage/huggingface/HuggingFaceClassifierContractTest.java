package dev.tickettriage.huggingface;

import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.testkit.ClassifierContract;
import dev.tickettriage.testkit.LlmAnswers;
import dev.tickettriage.testkit.PromptInjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The testkit's classifier contract for each HuggingFace API, against fakes on MockWebServer. */
class HuggingFaceClassifierContractTest {

    static final String POISON = "poisoned ticket 7f3a";

    abstract static class Base extends ClassifierContract {
        @StartStop
        final MockWebServer server = new MockWebServer();
        final List<HuggingFaceClassifier> built = new ArrayList<>();

        @AfterEach
        void close() {
            built.forEach(HuggingFaceClassifier::close);
        }

        abstract HuggingFaceClassifier.Builder configured();

        @Override
        protected Classifier newClassifier() {
            HuggingFaceClassifier classifier = configured().build();
            built.add(classifier);
            return classifier;
        }

        @Override
        protected Optional<String> failingTicketBody() {
            return Optional.of("Please help: " + POISON);
        }
    }

    /** A fake chat server answering every ticket (single or batch) with the first label, poisoned ones with a foreign label. */
    static final class FakeChat extends Dispatcher {
        private final String label = Taxonomy.defaultSupport().categories().get(0).id();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String user = HfFixtures.body(request).at("/messages/1/content").asText();
            return HfFixtures.ok(HfFixtures.completion(LlmAnswers.answerFor(user,
                    ticket -> ticket.path("body").asText().contains(POISON) ? PromptInjection.FOREIGN_LABEL : label)));
        }
    }

    @Nested
    class Tasks extends Base {
        @Override
        HuggingFaceClassifier.Builder configured() {
            server.setDispatcher(new FakeHfTasks("billing", POISON));
            return HuggingFaceClassifier.builder().api(HuggingFaceApi.TASKS).token(HfFixtures.TOKEN).baseUrl(server.url("/hf-inference").toString());
        }
    }

    @Nested
    class RouterChatInBatchesOfFour extends Base {
        @Override
        HuggingFaceClassifier.Builder configured() {
            server.setDispatcher(new FakeChat());
            return HuggingFaceClassifier.builder().token(HfFixtures.TOKEN).baseUrl(server.url("/v1").toString()).limits(8, 4);
        }
    }

    @Nested
    class TgiChat extends Base {
        @Override
        HuggingFaceClassifier.Builder configured() {
            server.setDispatcher(new FakeChat());
            return HuggingFaceClassifier.builder().api(HuggingFaceApi.TGI_CHAT).baseUrl(server.url("/").toString());
        }
    }
}
