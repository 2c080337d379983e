package dev.tickettriage.testkit;

import dev.tickettriage.port.Notifier;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

class RecordingNotifierContractTest extends NotifierContract {

    private final RecordingNotifier notifier = new RecordingNotifier();

    @Override
    protected Notifier newNotifier() {
        return notifier;
    }

    @Override
    protected List<Received> received() {
        return notifier.notifications().stream()
                .map(notification -> new Received(notification.title(), notification.message()))
                .collect(Collectors.toList());
    }

    @Override
    protected boolean throttleNextUntil(Instant until) {
        notifier.deferNext(1, until);
        return true;
    }
}
