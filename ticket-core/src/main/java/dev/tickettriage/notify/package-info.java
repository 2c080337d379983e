/** Notifiers that need no server, such as {@link dev.tickettriage.notify.LoggingNotifier}, the embedded default. */
@NullMarked
package dev.tickettriage.notify;

import org.jspecify.annotations.NullMarked;
