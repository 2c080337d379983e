/**
 * A {@link dev.tickettriage.port.Notifier} that pushes notifications to an <a href="https://ntfy.sh">ntfy</a> server
 * (ntfy.sh or self-hosted): {@link dev.tickettriage.ntfy.NtfyNotifier}, its action buttons
 * ({@link dev.tickettriage.ntfy.NtfyAction}) and priorities ({@link dev.tickettriage.ntfy.NtfyPriority}).
 */
@NullMarked
package dev.tickettriage.ntfy;

import org.jspecify.annotations.NullMarked;
