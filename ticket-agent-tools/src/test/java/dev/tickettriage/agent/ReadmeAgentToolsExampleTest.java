package dev.tickettriage.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.AuditEntry;
import org.junit.jupiter.api.Test;

/** The agent tools example of README.md ("Budgets, record and replay, shadow mode, agent tools"), driven by a scripted model. */
class ReadmeAgentToolsExampleTest {

    // --- README.md: agent tools ---
    interface SupportAssistant { String chat(String message); }
    // --- end of README code ---

    @Test
    void should_run_the_agent_tools_example() {
        try (TicketTriage triage = TicketTriage.builder().build()) {
            Ticket refund = triage.submit(NewTicket.of("Where is my refund?"));
            String user = "alice";
            ChatModel chatModel = new ScriptedChatModel()
                    .callTool("searchTickets", "{\"text\":\"refund\",\"limit\":1}")
                    .callTool("assignTicket", results -> "{\"ticketId\":\"" + refund.id() + "\",\"assignee\":\"billing\"}")
                    .answer("Assigned ticket " + refund.id() + " to billing.");

            // --- README.md: agent tools ---
            SupportAssistant assistant = AiServices.builder(SupportAssistant.class)
                    .chatModel(chatModel)                                   // any LangChain4j ChatModel
                    .tools(new TicketTools(triage, "assistant:" + user))    // actor in audit entries and events
                    .build();
            String reply = assistant.chat("Assign the newest refund ticket to billing");
            // --- end of README code ---

            assertThat(reply).contains("billing");
            assertThat(triage.find(refund.id()).orElseThrow().assignee()).contains("billing");
            assertThat(triage.auditTrail(refund.id())).extracting(AuditEntry::actor).contains("assistant:alice");
        }
    }
}
