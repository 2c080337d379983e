/**
 * Record and replay classifier answers: {@link dev.tickettriage.replay.RecordingClassifier} appends a real
 * classifier's answers to a JSONL file, and {@link dev.tickettriage.replay.ReplayClassifier} answers from that file, so
 * prompt and model regression tests run offline, free and deterministic in CI. Each answer is keyed by the SHA-256 of
 * the classifier name, a prompt version, the taxonomy fingerprint and the ticket text, so a changed prompt or taxonomy
 * is reported as such instead of replaying stale answers.
 */
@NullMarked
package dev.tickettriage.replay;

import org.jspecify.annotations.NullMarked;
