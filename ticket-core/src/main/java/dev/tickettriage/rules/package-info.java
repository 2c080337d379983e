/**
 * Routing rules: a small Java DSL that turns a classified ticket and a clock into actions
 * (notify, set priority, assign, tag, escalate), plus confidence-gated automation
 * ({@link dev.tickettriage.rules.AutomationPolicy}) and SLA escalation ({@link dev.tickettriage.rules.SlaPolicy}).
 *
 * <pre>{@code
 * RoutingRules rules = RoutingRules.builder()
 *     .rule("angry-customer").when(sentimentAtMost(NEGATIVE))
 *         .then(notifyTarget("support-alerts", "Angry customer: {category}", "{summary}"))
 *     .rule("outage").when(containsAnyKeyword("outage", "caída", "down"))
 *         .then(setPriority(URGENT), addTag("outage"))
 *     .build();
 * RoutingOutcome outcome = rules.route(ticket, clock);
 * }</pre>
 *
 * Rules are pure functions of a ticket snapshot and a clock (the only state is a round-robin counter),
 * so they are tested without I/O.
 */
@NullMarked
package dev.tickettriage.rules;

import org.jspecify.annotations.NullMarked;
