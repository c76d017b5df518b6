import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One message the sink accepted, decoded enough for a test to read its links. */
export interface SunkMessage {
  /** Envelope recipients (RCPT TO), as the server accepted them. */
  to: string[];
  from?: string;
  subject: string;
  /** The text/plain body, decoded, with LF line ends. */
  text: string;
  /** The text/html alternative, when the message has one. */
  html?: string;
  messageId?: string;
  /** Header names in lower case, folded lines joined, encoded words decoded. */
  headers: Record<string, string>;
  raw: string;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Accepted messages, in order of arrival. */
  messages: SunkMessage[];
  /** Every DATA received, accepted or refused by failNext. */
  attempts: SunkMessage[];
  /** The first accepted message (already here or still to come) that matches. */
  waitFor(predicate: (message: SunkMessage) => boolean, timeoutMs?: number): Promise<SunkMessage>;
  /** Refuse the next `n` messages with `451` (a temporary failure the sender should retry). */
  failNext(n: number): void;
  /** Refuse this recipient at RCPT TO with `550`, quoting the address as real relays do. */
  rejectRecipient(address: string): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 and a random port that keeps what it
 * receives, for tests that send email through the app's real SMTP transport.
 * No TLS and no AUTH: the app connects to it as to any plain relay.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SunkMessage[] = [];
  const attempts: SunkMessage[] = [];
  const waiters = new Set<(message: SunkMessage) => void>();
  let failuresLeft = 0;
  const rejected = new Set<string>();

  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 1000,
    onRcptTo(address: { address: string }, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      if (!rejected.has(address.address.toLowerCase())) return callback();
      callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown in local recipient table`), { responseCode: 550 }));
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const message = parseMessage(Buffer.concat(chunks).toString('utf8'), session);
        attempts.push(message);
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          const error = Object.assign(new Error('Try again later (test sink told to fail)'), { responseCode: 451 });
          callback(error);
          return;
        }
        messages.push(message);
        callback();
        for (const waiter of waiters) waiter(message);
      });
    },
  });

  const netServer = server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    netServer.once('listening', resolve);
    netServer.once('error', reject);
  });
  const { port } = netServer.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    attempts,
    failNext(n: number) {
      failuresLeft = n;
    },
    rejectRecipient(address: string) {
      rejected.add(address.toLowerCase());
    },
    waitFor(predicate, timeoutMs = 10_000) {
      const already = messages.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise<SunkMessage>((resolve, reject) => {
        const waiter = (message: SunkMessage): void => {
          if (!predicate(message)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(message);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = messages.map((m) => `"${m.subject}" to ${m.to.join(', ')}`).join('; ') || 'none';
          reject(new Error(`No matching email within ${timeoutMs} ms (received: ${seen})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseMessage(raw: string, session: SMTPServerSession): SunkMessage {
  // The last line break belongs to the end of DATA ("\r\n.\r\n"), not to the body.
  const { headers, body } = splitEntity(raw.replace(/\r\n$/, ''));
  const { text, html } = readBodies(headers, body);
  const from = session.envelope.mailFrom;
  return {
    to: session.envelope.rcptTo.map((r) => r.address),
    from: from ? from.address : undefined,
    subject: headers.subject ?? '',
    text,
    html,
    messageId: headers['message-id'],
    headers,
    raw,
  };
}

/** Headers (unfolded, decoded) and the body of a message or of one MIME part. */
function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function readBodies(headers: Record<string, string>, body: string): { text: string; html?: string } {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const result: { text: string; html?: string } = { text: '' };
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const entity = splitEntity(part.replace(/^\r\n/, ''));
      const inner = readBodies(entity.headers, entity.body.replace(/\r\n$/, ''));
      const partType = entity.headers['content-type'] ?? 'text/plain';
      if (/^text\/html/i.test(partType)) result.html = inner.text;
      else if (/^text\/plain/i.test(partType) && !result.text) result.text = inner.text;
      else if (/^multipart\//i.test(partType)) Object.assign(result, inner);
    }
    return result;
  }
  return { text: decodeBody(body, headers['content-transfer-encoding']).replace(/\r\n/g, '\n') };
}

function decodeBody(body: string, encoding = '7bit'): string {
  switch (encoding.toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

function decodeQuotedPrintable(input: string): string {
  const softBreaksRemoved = input.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < softBreaksRemoved.length; i++) {
    const hex = softBreaksRemoved.slice(i + 1, i + 3);
    if (softBreaksRemoved[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(softBreaksRemoved[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`), as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_match, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
