// TEMPORARY STUB so main compiles; replaced by the real implementation from branch h-rules / h-classifier.
package dev.tickettriage.rules;
public record SlaPolicy() { public static SlaPolicy ofDefaults() { return new SlaPolicy(); } }
