package dev.tickettriage.examples.spring;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** {@code POST /api/assistant} in the app without a model: bad input is still named, then 503. */
@AppTest
class AssistantUnconfiguredTest {

    @Autowired
    MockMvc mvc;

    @Test
    void should_answer_503_problem_when_no_llm_is_configured() throws Exception {
        mvc.perform(post("/api/assistant").contentType(MediaType.APPLICATION_JSON).content("{\"question\":\"How many open tickets?\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:ticket-triage:problem:assistant-not-configured"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("ticket-triage.assistant.api-key")));
    }

    @Test
    void should_answer_400_naming_the_field_for_a_blank_missing_or_overlong_question() throws Exception {
        for (String body : new String[] {"{\"question\":\"   \"}", "{}", "{\"question\":\"" + "x".repeat(4_001) + "\"}"}) {
            mvc.perform(post("/api/assistant").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:ticket-triage:problem:invalid-input"))
                    .andExpect(jsonPath("$.errors[0].field").value("question"));
        }
        mvc.perform(post("/api/assistant").contentType(MediaType.APPLICATION_JSON).content("not json"))
                .andExpect(status().isBadRequest()).andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
