import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IsEmailAddress, normaliseEmail } from './email-address';

class WithEmail {
  @IsEmailAddress() email!: string;
}

async function messages(email: string): Promise<string[]> {
  const errors = await validate(plainToInstance(WithEmail, { email }));
  return errors.flatMap((e) => Object.values(e.constraints ?? {}));
}

describe('email addresses', () => {
  it('stores NFC and NFD spellings, and any case, as one address', () => {
    const nfc = 'Ren\u00e9e@Example.org';
    const nfd = 'Rene\u0301e@example.ORG';
    expect(nfc).not.toBe(nfd);
    expect(normaliseEmail(nfc)).toBe(normaliseEmail(nfd));
    expect(normaliseEmail(` ${nfd} `)).toBe('ren\u00e9e@example.org');
  });

  it.each([
    ['a zero-width space', 'sam\u200b@example.org', 'U+200B'],
    ['a soft hyphen', 'sam\u00adjones@example.org', 'U+00AD'],
    ['a word joiner', 'sam@exam\u2060ple.org', 'U+2060'],
    ['a right-to-left override', 'sam\u202e@example.org', 'U+202E'],
    ['a byte order mark', 'sam\ufeff@example.org', 'U+FEFF'],
  ])('refuses %s, naming it', async (_, email, code) => {
    const found = await messages(email);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(code);
  });

  it('accepts ordinary and international addresses', async () => {
    expect(await messages('sam.jones+union@example.org')).toEqual([]);
    expect(await messages('ren\u00e9e@exämple.de')).toEqual([]);
  });
});
