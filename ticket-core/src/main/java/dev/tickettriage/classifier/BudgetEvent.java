package dev.tickettriage.classifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a {@link ClassifierBudget}: a limit was spent, or a spent limit's period reset. Budget
 * events are not {@link dev.tickettriage.port.TicketEvent}s: they concern a classifier, not one ticket (the tickets
 * answered by the fallback show it in their provenance; held tickets stay NEW).
 */
public sealed interface BudgetEvent {

    /** The budget's name. */
    String budget();

    /** The limit concerned. */
    BudgetLimit limit();

    /** When it happened (the budget's clock). */
    Instant at();

    /**
     * {@code limit} is spent: {@code used} reached its amount in the period ending at {@code resetsAt}. Published once
     * per limit and period, by the call whose usage spent it.
     */
    record Exhausted(String budget, BudgetLimit limit, BigDecimal used, Instant resetsAt, Instant at) implements BudgetEvent {
        public Exhausted {
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(used, "used");
            Objects.requireNonNull(resetsAt, "resetsAt");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A spent limit's period ended, so the classifier is called again; published by the first check after the reset. */
    record Restored(String budget, BudgetLimit limit, Instant at) implements BudgetEvent {
        public Restored {
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(at, "at");
        }
    }
}
