import { InvalidEmailError } from './mail.errors';
import { assertDeliverable, messageIdFor, senderDomain, toMailMessage } from './mail-message';

describe('mail messages', () => {
  const email = { to: 'secretary@branch.example.org', subject: 'Your affiliation', text: 'Hello' };

  it('fixes the Message-ID per job, in the sender\'s domain', () => {
    expect(senderDomain('Police Spies Out of Lives <affiliations@example.org>')).toBe('example.org');
    expect(senderDomain('affiliations@example.org')).toBe('example.org');
    expect(messageIdFor('0b6c…', 'Campaign <a@example.org>')).toBe('<0b6c…@example.org>');
    expect(toMailMessage('job-1', email, 'a@example.org')).toEqual({ ...email, from: 'a@example.org', messageId: '<job-1@example.org>' });
  });

  it('keeps html only when given', () => {
    expect(toMailMessage('j', email, 'a@example.org')).not.toHaveProperty('html');
    expect(toMailMessage('j', { ...email, html: '<p>Hi</p>' }, 'a@example.org').html).toBe('<p>Hi</p>');
  });

  it('adds the one-click unsubscribe headers (RFC 8058) only to list mail', () => {
    expect(toMailMessage('j', email, 'a@example.org')).not.toHaveProperty('headers');
    const message = toMailMessage('j', { ...email, listUnsubscribe: 'https://portal.example.org/unsubscribe/abc' }, 'a@example.org');
    expect(message.headers).toEqual({ 'List-Unsubscribe': '<https://portal.example.org/unsubscribe/abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(message).not.toHaveProperty('listUnsubscribe');
  });

  it.each([
    ['a mailto address', 'mailto:stop@example.org'],
    ['a line break', 'https://example.org/u\r\nBcc: all@example.org'],
    ['an angle bracket', 'https://example.org/u>, <https://evil.example'],
  ])('refuses an unsubscribe address with %s', (_case, listUnsubscribe) => {
    expect(() => assertDeliverable({ ...email, listUnsubscribe })).toThrow(InvalidEmailError);
  });

  it('accepts an ordinary email', () => {
    expect(() => assertDeliverable(email)).not.toThrow();
  });

  it.each([
    ['several recipients', { to: 'a@example.org, b@example.org' }],
    ['a display name', { to: 'Jo <jo@example.org>' }],
    ['no address', { to: 'not-an-address' }],
    ['a header smuggled into the subject', { subject: 'Hi\r\nBcc: all@example.org' }],
    ['an empty subject', { subject: '  ' }],
    ['an over-long subject', { subject: 'x'.repeat(251) }],
    ['an empty body', { text: '' }],
  ])('refuses %s', (_case, change) => {
    expect(() => assertDeliverable({ ...email, ...change })).toThrow(InvalidEmailError);
  });
});
