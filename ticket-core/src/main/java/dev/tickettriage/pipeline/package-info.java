/**
 * The processing pipeline: {@link dev.tickettriage.pipeline.TriagePipeline} stores, classifies, routes and
 * notifies; {@link dev.tickettriage.pipeline.RetryPolicy} and {@link dev.tickettriage.pipeline.PipelineConfig} configure it.
 */
@NullMarked
package dev.tickettriage.pipeline;

import org.jspecify.annotations.NullMarked;
