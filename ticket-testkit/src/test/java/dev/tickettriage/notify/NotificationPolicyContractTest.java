package dev.tickettriage.notify;

import dev.tickettriage.port.Notifier;
import dev.tickettriage.testkit.NotifierContract;
import dev.tickettriage.testkit.RecordingNotifier;
import java.time.Duration;
import java.util.List;

/** A policy-wrapped notifier is still a notifier: with dedupe on, it drops the repeated key itself. */
class NotificationPolicyContractTest extends NotifierContract {

    private final RecordingNotifier recording = new RecordingNotifier();

    @Override
    protected Notifier newNotifier() {
        return NotificationPolicy.builder().dedupeWindow(Duration.ofMinutes(10)).clock(clock()).build().wrap(recording);
    }

    @Override
    protected List<Received> received() {
        return recording.notifications().stream().map(n -> new Received(n.title(), n.message())).toList();
    }

    @Override
    protected boolean dropsDuplicateKeys() {
        return true;
    }
}
