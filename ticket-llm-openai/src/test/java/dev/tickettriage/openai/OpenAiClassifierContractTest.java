package dev.tickettriage.openai;

import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.testkit.ClassifierContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/** The testkit's classifier contract against a fake OpenAI server, one ticket per request and in batches of 4. */
class OpenAiClassifierContractTest {

    static final String POISON = "poisoned ticket 7f3a";

    abstract static class Base extends ClassifierContract {
        @StartStop
        final MockWebServer server = new MockWebServer();
        final List<OpenAiClassifier> built = new ArrayList<>();

        abstract int batchSize();

        @BeforeEach
        void fake() {
            server.setDispatcher(new FakeOpenAi(Taxonomy.defaultSupport().categories().get(0).id(), POISON));
        }

        @AfterEach
        void close() {
            built.forEach(OpenAiClassifier::close);
        }

        @Override
        protected Classifier newClassifier() {
            OpenAiClassifier classifier = OpenAiClassifier.builder().apiKey(OpenAiFixtures.API_KEY).baseUrl(server.url("/v1/").toString())
                    .limits(16, batchSize()).build();
            built.add(classifier);
            return classifier;
        }

        @Override
        protected Optional<String> failingTicketBody() {
            return Optional.of("Please help: " + POISON);
        }
    }

    @Nested
    class OneTicketPerRequest extends Base {
        @Override
        int batchSize() {
            return 1;
        }
    }

    @Nested
    class FourTicketsPerRequest extends Base {
        @Override
        int batchSize() {
            return 4;
        }
    }
}
