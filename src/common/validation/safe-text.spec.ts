import { validate } from 'class-validator';
import { isCalendarDate, IsSafeText, isSafeText } from '.';

class Named {
  @IsSafeText({ label: 'Branch name' })
  name: unknown;
}

class Address {
  @IsSafeText({ multiline: true })
  address: unknown;
}

async function messages<T extends object>(target: T): Promise<string[]> {
  return (await validate(target)).flatMap((e) => Object.values(e.constraints ?? {}));
}

describe('IsSafeText', () => {
  it.each([
    ['plain text', 'Bristol Central'],
    ['markup-like text', '</w:t></w:r> & < > "'],
    ['accents and other scripts', 'Caerdydd a’r Fro — Cymru, Łódź, 東京, עברית'],
    ['emoji, surrogate pairs included', 'Brighton 🐝 ✊🏽'],
    ['left-to-right and right-to-left marks', 'abc\u200E\u200F'],
  ])('accepts %s', (_, value) => {
    expect(isSafeText(value)).toBe(true);
  });

  it.each([
    ['NUL', '\u0000', 'U+0000'],
    ['a C0 control', 'a\u0001b', 'U+0001'],
    ['a tab', 'a\tb', 'U+0009'],
    ['a line feed', 'a\nb', 'U+000A'],
    ['DEL', 'a\u007fb', 'U+007F'],
    ['a C1 control', 'a\u0085b', 'U+0085'],
    ['a bidi embedding', 'a\u202Ab', 'U+202A'],
    ['a bidi override', 'a\u202Eb', 'U+202E'],
    ['a bidi isolate', 'a\u2066b', 'U+2066'],
    ['a pop directional isolate', 'a\u2069b', 'U+2069'],
    ['a line separator', 'a\u2028b', 'U+2028'],
    ['a noncharacter in the Arabic block', 'a\uFDD0b', 'U+FDD0'],
    ['U+FFFE', 'a\uFFFEb', 'U+FFFE'],
    ['U+FFFF', 'a\uFFFFb', 'U+FFFF'],
    ['a noncharacter of another plane', 'a\u{10FFFF}b', 'U+10FFFF'],
    ['a lone high surrogate', 'a\uD800b', 'U+D800'],
    ['a lone low surrogate', 'a\uDC00b', 'U+DC00'],
    ['the replacement character', 'a\uFFFDb', 'U+FFFD'],
  ])('refuses %s, naming it', async (_, value, codePoint) => {
    const target = Object.assign(new Named(), { name: value });
    expect(await messages(target)).toEqual([`Branch name contains a hidden or control character (${codePoint}) that cannot be used: please retype it`]);
  });

  it('leaves type checks to @IsString', async () => {
    expect(await messages(Object.assign(new Named(), { name: 42 }))).toEqual([]);
  });

  it('allows line breaks, and only them, when multiline', async () => {
    expect(await messages(Object.assign(new Address(), { address: '1 High St\nLeeds\r\nLS1 1AA' }))).toEqual([]);
    expect(await messages(Object.assign(new Address(), { address: '1 High St\rLeeds' }))).toEqual([
      'address contains a hidden or control character (U+000D) that cannot be used: please retype it',
    ]);
    expect(await messages(Object.assign(new Address(), { address: '1 High St\tLeeds' }))).toHaveLength(1);
  });
});

describe('isCalendarDate', () => {
  it.each(['2025-03-14', '2024-02-29', '1999-12-31'])('accepts %s', (value) => expect(isCalendarDate(value)).toBe(true));
  it.each(['2025-02-29', '2025-13-01', '2025-3-14', '14/03/2025', '2025-03-14T00:00', '', '0001-01-01', 20250314])('refuses %s', (value) =>
    expect(isCalendarDate(value)).toBe(false),
  );
});
