/**
 * Notifiers that need no server, such as {@link dev.tickettriage.notify.LoggingNotifier} (the embedded default), the
 * {@link dev.tickettriage.notify.NotificationPolicy} decorator (dedupe, throttle and digest, quiet hours) and
 * {@link dev.tickettriage.notify.AlertAcknowledgements} (signed, expiring acknowledgement tokens).
 */
@NullMarked
package dev.tickettriage.notify;

import org.jspecify.annotations.NullMarked;
