import { normaliseBranchCode, normaliseBranchName, unionKeyOf } from './normalise';

describe('branch name normalisation (the duplicate guard)', () => {
  it.each([
    ['Leeds City', 'leeds city'],
    ['  LEEDS   city  ', 'leeds city'],
    ['The Leeds City Branch', 'leeds city'],
    ['Leeds-City.', 'leeds city'],
    ['Café Workers', 'cafe workers'],
    ['Health & Social Care', 'health and social care'],
  ])('treats %j as %j', (input, same) => {
    // The stored form is a skeleton (not for reading): compare, do not spell out.
    expect(normaliseBranchName(input)).toBe(normaliseBranchName(same));
    expect(normaliseBranchName(input)).toMatch(/^[a-z ]+$/);
  });

  it.each([
    ['Cyrillic е for Latin e', 'L\u0435\u0435ds City'],
    ['a Cyrillic capital С', 'Leeds \u0421ity'],
    ['a zero-width space', 'Lee\u200Bds City'],
    ['a zero-width joiner and a soft hyphen', 'Le\u200Deds Ci\u00ADty'],
    ['a word joiner and a left-to-right mark', 'Le\u2060eds Ci\u200Ety'],
    ['fullwidth letters', 'Ｌｅｅｄｓ Ｃｉｔｙ'],
    ['mathematical letters', '𝐋𝐞𝐞𝐝𝐬 𝐂𝐢𝐭𝐲'],
    ['a Hangul filler (a blank letter)', 'Leeds \u3164City'],
  ])('treats a look-alike of "Leeds City" with %s as the same name', (_, lookalike) => {
    expect(normaliseBranchName(lookalike)).toBe(normaliseBranchName('Leeds City'));
  });

  it('treats digits and letters that look alike as the same (0/O, 1/l, I/l, rn/m)', () => {
    expect(normaliseBranchName('Branch 10 Leeds')).toBe(normaliseBranchName('Branch lO Leeds'));
    expect(normaliseBranchName('Birmingham')).toBe(normaliseBranchName('Birrningharn'));
    expect(normaliseBranchName('CIty of York')).toBe(normaliseBranchName('Clty of York'));
  });

  it('catches capitals of another script that look Latin only as capitals (Cyrillic К, М, Т, В, Н)', () => {
    expect(normaliseBranchName('\u041Aent \u041C\u0435dway')).toBe(normaliseBranchName('Kent Medway'));
    expect(normaliseBranchName('\u0412\u0422 \u041D\u041E')).toBe(normaliseBranchName('BT HO'));
  });

  it('keeps names that look different apart', () => {
    expect(normaliseBranchName('Leeds City')).not.toBe(normaliseBranchName('Leeds County'));
    expect(normaliseBranchName('Leeds')).not.toBe(normaliseBranchName('Lends'));
  });

  it('is idempotent, so a stored form compares equal to itself', () => {
    for (const name of ['Leeds City', 'Birmingham & Solihull', 'L\u0435\u0435ds\u200B 10', 'Caerdydd a’r Fro', '東京 支部']) {
      const once = normaliseBranchName(name);
      expect(normaliseBranchName(once)).toBe(once);
    }
  });

  it('compares codes without case, spaces, punctuation, invisible or look-alike characters', () => {
    expect(normaliseBranchCode('BR-01')).toBe(normaliseBranchCode('\u0412R 0\u200B1'));
    expect(normaliseBranchCode('ＢＲ０１')).toBe(normaliseBranchCode('br01'));
  });

  it('compares codes without case, spaces or punctuation', () => {
    expect(normaliseBranchCode('BR-01')).toBe(normaliseBranchCode('br 01'));
    expect(normaliseBranchCode('  ')).toBeNull();
    expect(normaliseBranchCode(undefined)).toBeNull();
  });

  it('keys "other" unions by their normalised name', () => {
    expect(unionKeyOf('unison')).toBe('unison');
    expect(unionKeyOf('other', 'The Tenants Union')).toBe(unionKeyOf('other', 'tenants union'));
  });

  it('keeps the key of an "other" union readable (it appears in public links), without invisible characters', () => {
    expect(unionKeyOf('other', 'Commu\u200Bnity Union')).toBe('other:community union');
  });
});
