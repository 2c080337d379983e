/**
 * A {@link dev.tickettriage.port.Notifier} that e-mails notifications over SMTP with Jakarta Mail (Eclipse Angus):
 * {@link dev.tickettriage.smtp.SmtpNotifier}, its per-target {@link dev.tickettriage.smtp.MailRecipients} and the
 * {@link dev.tickettriage.smtp.MailTemplates} it renders.
 */
@NullMarked
package dev.tickettriage.smtp;

import org.jspecify.annotations.NullMarked;
