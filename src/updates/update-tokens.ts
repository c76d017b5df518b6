import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: what an unsubscribe link carries. */
export const UNSUBSCRIBE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newUnsubscribeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashUnsubscribeToken(token) };
}

/** Only the hash is stored: a copy of the table cannot unsubscribe anyone. */
export function hashUnsubscribeToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
