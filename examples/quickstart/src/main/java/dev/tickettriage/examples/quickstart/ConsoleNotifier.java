package dev.tickettriage.examples.quickstart;

import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Notifier} for the console: it records every notification (up to a limit, counting the rest)
 * so the app can list them after the results. Thread-safe.
 */
final class ConsoleNotifier implements Notifier {

    /** A delivered notification and the input row of its ticket (0 when unknown). */
    record Fired(long row, Notification notification) {
        Fired {
            Objects.requireNonNull(notification, "notification");
        }
    }

    private final Map<TicketId, Long> rowsInFlight;
    private final int keepAtMost;
    private final List<Fired> fired = new ArrayList<>();
    private long count;

    /**
     * @param rowsInFlight input rows of the tickets being triaged, to label each notification with its row
     * @param keepAtMost   how many notifications to keep for {@link #print}; the rest are only counted
     */
    ConsoleNotifier(Map<TicketId, Long> rowsInFlight, int keepAtMost) {
        this.rowsInFlight = Objects.requireNonNull(rowsInFlight, "rowsInFlight");
        this.keepAtMost = keepAtMost;
    }

    @Override
    public synchronized DeliveryResult deliver(Notification notification) {
        count++;
        if (fired.size() < keepAtMost) {
            fired.add(new Fired(rowsInFlight.getOrDefault(notification.ticketId(), 0L), notification));
        }
        return DeliveryResult.delivered();
    }

    @Override
    public String name() {
        return "console";
    }

    synchronized long count() {
        return count;
    }

    /** The kept notifications by input row (then target). */
    synchronized List<Fired> fired() {
        List<Fired> sorted = new ArrayList<>(fired);
        sorted.sort(Comparator.comparingLong(Fired::row).thenComparing(f -> f.notification().target()));
        return sorted;
    }

    /** "Notifications fired: N" and one line per notification: row, target, priority, title. */
    void print(PrintStream out) {
        List<Fired> kept = fired();
        long total = count();
        out.println();
        out.println("Notifications fired: " + total);
        int targetWidth = kept.stream().mapToInt(f -> f.notification().target().length()).max().orElse(0);
        for (Fired f : kept) {
            Notification n = f.notification();
            out.printf(Locale.ROOT, "  row %-5s  %-" + targetWidth + "s  %-6s  %s%n", f.row() == 0 ? "?" : f.row(),
                    n.target(), n.priority(), TableResultWriter.oneLine(n.title(), 100));
        }
        if (total > kept.size()) {
            out.println("  ... and " + (total - kept.size()) + " more");
        }
    }
}
