/** One email, ready to send: subject, plain text and HTML, and any extra headers (List-Unsubscribe). */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** Sends one email. Implementations throw on failure; the outbox decides about retries. */
export interface Mailer {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}
