/**
 * Classifiers for HuggingFace: the Inference Providers router's OpenAI-compatible chat completions, the hosted task
 * APIs (zero-shot-classification for the category, text-classification for sentiment) and a self-hosted Text
 * Generation Inference server. Entry point: {@link dev.tickettriage.huggingface.HuggingFaceClassifier}.
 */
@NullMarked
package dev.tickettriage.huggingface;

import org.jspecify.annotations.NullMarked;
