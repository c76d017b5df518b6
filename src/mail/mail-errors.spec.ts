import { MailDeliveryError, withoutAddresses } from './mail.errors';

describe('a failed send, as logged', () => {
  it('takes every address out of a relay reply, keeping the rest', () => {
    expect(withoutAddresses("Can't send mail - all recipients were rejected: 550 5.1.1 <Jo.Bloggs+union@branch.example.org>: Recipient address rejected")).toBe(
      "Can't send mail - all recipients were rejected: 550 5.1.1 <[address]>: Recipient address rejected",
    );
    expect(withoutAddresses('451 4.7.1 a@b.org, c@d.org: try later')).toBe('451 4.7.1 [address], [address]: try later');
    expect(withoutAddresses('Connection timeout')).toBe('Connection timeout');
  });

  it('keeps the reply code, and nothing else of the original error (its recipients, its response)', () => {
    const original = Object.assign(new Error('Message failed: 550 <x@y.org> no such user'), { responseCode: 550, rejected: ['x@y.org'], response: '550 <x@y.org> no such user' });
    const error = new MailDeliveryError(original);
    expect(error.message).toBe('Message failed: 550 <[address]> no such user');
    expect(error.responseCode).toBe(550);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('x@y.org');
  });
});
