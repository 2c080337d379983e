package dev.tickettriage.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Taxonomy;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The HuggingFace example of README.md ("LLM classifiers: HuggingFace and any LangChain4j ChatModel"), against fakes. */
class ReadmeHuggingFaceExampleTest {

    @StartStop
    final MockWebServer router = new MockWebServer();
    @StartStop
    final MockWebServer hfInference = new MockWebServer();
    @StartStop
    final MockWebServer tgiServer = new MockWebServer();

    @Test
    void should_build_and_run_the_three_readme_classifiers() {
        String hfToken = "hf_readme";
        router.setDispatcher(new HuggingFaceClassifierContractTest.FakeChat());
        tgiServer.setDispatcher(new HuggingFaceClassifierContractTest.FakeChat());
        hfInference.setDispatcher(new FakeHfTasks("billing", "never"));

        // --- README.md: "LLM classifiers: HuggingFace and any LangChain4j ChatModel" (URLs point at the fakes) ---
        HuggingFaceClassifier mistral = HuggingFaceClassifier.builder()          // HuggingFaceApi.ROUTER_CHAT (default)
                .token(hfToken)                                                   // README: System.getenv("HF_TOKEN")
                .baseUrl(router.url("/v1").toString())                            // README: the default router URL
                .model("mistralai/Mistral-7B-Instruct-v0.2:featherless-ai")
                .build();
        HuggingFaceClassifier tasks = HuggingFaceClassifier.builder().api(HuggingFaceApi.TASKS)
                .token(hfToken)
                .baseUrl(hfInference.url("/hf-inference").toString())             // README: the default task URL
                .taskModels("facebook/bart-large-mnli", "cardiffnlp/twitter-roberta-base-sentiment-latest")
                .build();
        HuggingFaceClassifier tgi = HuggingFaceClassifier.builder().api(HuggingFaceApi.TGI_CHAT)
                .baseUrl(tgiServer.url("/").toString())                           // README: http://tgi.internal:8080
                .build();
        // --- end of README code ---

        try (mistral; tasks; tgi) {
            Taxonomy taxonomy = Taxonomy.defaultSupport();
            for (HuggingFaceClassifier classifier : List.of(mistral, tasks, tgi)) {
                Classification result = classifier.classify(HfFixtures.ticket(1, "I was charged twice"), taxonomy);
                assertThat(taxonomy.contains(result.category())).isTrue();
            }
        }
        assertThat(router.getRequestCount()).isEqualTo(1);
        assertThat(hfInference.getRequestCount()).isEqualTo(2);
        assertThat(tgiServer.getRequestCount()).isEqualTo(1);
    }
}
