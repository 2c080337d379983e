package dev.tickettriage.classifier;

/**
 * Receives {@link BudgetEvent}s, on the thread that recorded the usage (a pipeline worker or an HTTP client's
 * callback thread), outside the budget's lock. Keep it fast; hand heavy work to your own executor. A listener that
 * throws is logged at WARN and ignored: it never fails a classification.
 */
@FunctionalInterface
public interface BudgetListener {

    /** Does nothing. */
    BudgetListener NONE = event -> { };

    /** Called once per event. */
    void onEvent(BudgetEvent event);
}
