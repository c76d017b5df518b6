import { normaliseBranchCode, normaliseBranchName, unionKeyOf } from './normalise';

describe('branch name normalisation (the duplicate guard)', () => {
  it.each([
    ['Leeds City', 'leeds city'],
    ['  LEEDS   city  ', 'leeds city'],
    ['The Leeds City Branch', 'leeds city'],
    ['Leeds-City.', 'leeds city'],
    ['Café Workers', 'cafe workers'],
    ['Health & Social Care', 'health and social care'],
  ])('treats %j as %j', (input, expected) => {
    expect(normaliseBranchName(input)).toBe(expected);
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
});
