/**
 * Settings of the triage engine behind {@link dev.tickettriage.TicketTriage}: {@link dev.tickettriage.pipeline.WorkerConfig}
 * (background classification), {@link dev.tickettriage.pipeline.DeliveryConfig} (outbox dispatch),
 * {@link dev.tickettriage.pipeline.IntakeConfig} (submit limits and backpressure), {@link dev.tickettriage.pipeline.RetryPolicy},
 * and the results of {@code drainBacklog}. The engine itself is not public API.
 */
@NullMarked
package dev.tickettriage.pipeline;

import org.jspecify.annotations.NullMarked;
