/** One email, ready to send: subject, plain text and HTML, and any extra headers (List-Unsubscribe). */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/**
 * What became of a message: sent (with SES's id), or not sent because the address is on the
 * suppression list (it bounced for good or complained). A suppressed message is not a failure:
 * the outbox drops it instead of retrying.
 */
export interface SendResult {
  messageId: string;
  suppressed?: boolean;
}

/** Sends one email. Implementations throw on failure; the outbox decides about retries. */
export interface Mailer {
  send(message: EmailMessage): Promise<SendResult>;
}
