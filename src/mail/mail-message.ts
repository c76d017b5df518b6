import { InvalidEmailError } from './mail.errors';
import type { OutgoingEmail } from './outgoing-email';

/** An email ready for a transport: who it is from and a Message-ID fixed per job. */
export interface MailMessage extends Omit<OutgoingEmail, 'listUnsubscribe'> {
  from: string;
  messageId: string;
  /** Extra headers, from a fixed set (the list ones, RFC 2369 and 8058): never from input. */
  headers?: Record<string, string>;
}

/** An address a mail client may POST to: http(s), nothing that could end the header or the <…> around it. */
const UNSUBSCRIBE_URL = /^https?:\/\/[^\s<>"]+$/;

const ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+$/;
const LINE_BREAK = /[\r\n]/;
const MAX_SUBJECT_LENGTH = 250;

/** Whether `to` is one address the outbox accepts (for a list that must skip, not fail on, a bad one). */
export function isDeliverableAddress(to: unknown): to is string {
  return typeof to === 'string' && to.length <= 254 && ADDRESS.test(to);
}

/**
 * Refuses what would break or subvert the message: several recipients in one
 * `to`, line breaks in a header (header injection), empty parts.
 */
export function assertDeliverable(email: OutgoingEmail): void {
  if (!isDeliverableAddress(email.to)) {
    throw new InvalidEmailError('`to` must be exactly one email address');
  }
  if (typeof email.subject !== 'string' || !email.subject.trim() || LINE_BREAK.test(email.subject)) {
    throw new InvalidEmailError('`subject` must be one non-empty line');
  }
  if (email.subject.length > MAX_SUBJECT_LENGTH) {
    throw new InvalidEmailError(`\`subject\` must be at most ${MAX_SUBJECT_LENGTH} characters`);
  }
  if (typeof email.text !== 'string' || !email.text.trim()) {
    throw new InvalidEmailError('`text` must not be empty');
  }
  if (email.html !== undefined && typeof email.html !== 'string') {
    throw new InvalidEmailError('`html` must be a string when given');
  }
  if (email.listUnsubscribe !== undefined && (typeof email.listUnsubscribe !== 'string' || email.listUnsubscribe.length > 500 || !UNSUBSCRIBE_URL.test(email.listUnsubscribe))) {
    throw new InvalidEmailError('`listUnsubscribe` must be one http(s) URL');
  }
}

/** The domain of MAIL_FROM's address, e.g. `example.org` from `Campaign <a@example.org>`. */
export function senderDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim();
}

/**
 * The same job always gives the same Message-ID, so if a crash between the
 * SMTP server accepting a message and the job being marked done makes the
 * job run again, the copy is recognisably the same message.
 */
export function messageIdFor(jobId: string, from: string): string {
  return `<${jobId}@${senderDomain(from)}>`;
}

export function toMailMessage(jobId: string, email: OutgoingEmail, from: string): MailMessage {
  const message: MailMessage = { from, to: email.to, subject: email.subject, text: email.text, messageId: messageIdFor(jobId, from) };
  if (email.html !== undefined) message.html = email.html;
  if (email.listUnsubscribe !== undefined) {
    message.headers = { 'List-Unsubscribe': `<${email.listUnsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  }
  return message;
}
