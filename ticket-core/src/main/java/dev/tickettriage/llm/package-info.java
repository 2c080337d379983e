/**
 * Provider-neutral LLM classification shared by the LLM adapters: the prompt built from the {@link
 * dev.tickettriage.domain.Taxonomy} ({@link dev.tickettriage.llm.TriagePrompt}), the strict output JSON schema
 * ({@link dev.tickettriage.llm.OutputSchema}), the robust answer parser with one repair attempt, batching with
 * per-ticket fallback, PII redaction ({@link dev.tickettriage.llm.PiiRedactor}) and the {@link
 * dev.tickettriage.llm.LlmClassifier} that ties them together over any {@link dev.tickettriage.llm.LlmTransport}.
 * No HTTP client here: adapters (ticket-llm-openai, ...) implement the transport. The only core package allowed to
 * use {@code dev.langchain4j}.
 */
@NullMarked
package dev.tickettriage.llm;

import org.jspecify.annotations.NullMarked;
