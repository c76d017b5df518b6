import { CHECK_ALPHABET, checkCharacter, findReference, makeReference, parseReference, receiptNumber, REFERENCE_PATTERN } from './payment-reference';

describe('receipt numbers', () => {
  it('derive from the invoice reference: one per invoice, the same every time, no check character', () => {
    expect(receiptNumber(makeReference(2026, 1))).toBe('RCT-2026-0001');
    expect(receiptNumber(makeReference(2026, 12345))).toBe('RCT-2026-12345');
    expect(() => receiptNumber('RCT-2026-0001')).toThrow('Not a payment reference');
  });
});

describe('payment references', () => {
  it('are PSOOL-year-number-check, with a check character from the alphabet', () => {
    const ref = makeReference(2026, 42);
    expect(ref).toMatch(/^PSOOL-2026-0042-[0-9A-Z]$/);
    expect(CHECK_ALPHABET).toHaveLength(31);
    expect(CHECK_ALPHABET).not.toMatch(/[ILOSZ]/);
    expect(parseReference(ref)).toBe(ref);
  });

  it('documents the written form as a pattern every reference matches, and no wrong check letter does', () => {
    const pattern = new RegExp(REFERENCE_PATTERN);
    for (const ref of [makeReference(2026, 1), makeReference(2026, 42), makeReference(2030, 123456)]) expect(ref).toMatch(pattern);
    for (const c of 'ILOSZ') expect(`PSOOL-2026-0042-${c}`).not.toMatch(pattern);
    expect('psool-2026-0042-k').not.toMatch(pattern);
    expect('PSOOL-2026-042-K').not.toMatch(pattern);
  });

  it('grows past four digits without changing the scheme', () => {
    const ref = makeReference(2026, 123456);
    expect(ref.startsWith('PSOOL-2026-123456-')).toBe(true);
    expect(parseReference(ref)).toBe(ref);
  });

  it('reads a reference however it was spaced or cased', () => {
    const ref = makeReference(2027, 7);
    expect(parseReference(ref.toLowerCase())).toBe(ref);
    expect(parseReference(ref.replace(/-/g, ' '))).toBe(ref);
    expect(parseReference(ref.replace(/-/g, ''))).toBe(ref);
  });

  it('catches every single wrong character', () => {
    for (let n = 1; n <= 400; n += 7) {
      const ref = makeReference(2026, n);
      const chars = ref.split('');
      chars.forEach((c, i) => {
        if (c === '-') return;
        for (const other of `${CHECK_ALPHABET}ILOSZ`) {
          if (other === c) continue;
          const typo = [...chars.slice(0, i), other, ...chars.slice(i + 1)].join('');
          expect(parseReference(typo)).toBeNull();
        }
      });
    }
  });

  it('catches every swap of two different characters, adjacent or not', () => {
    for (let n = 1; n <= 2000; n += 13) {
      const ref = makeReference(2026, n);
      const chars = ref.replace(/-/g, '').split('');
      for (let i = 0; i < chars.length; i++) {
        for (let j = i + 1; j < chars.length; j++) {
          if (chars[i] === chars[j]) continue;
          const swapped = [...chars];
          [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
          expect(parseReference(swapped.join(''))).toBeNull();
        }
      }
    }
  });

  it('has a check character that depends on the year and on every digit', () => {
    expect(checkCharacter('20260042')).not.toBe(checkCharacter('20270042'));
    expect(checkCharacter('20260042')).not.toBe(checkCharacter('20260024'));
  });

  it('finds a reference in a bank description, and refuses a mistyped one', () => {
    const ref = makeReference(2026, 42);
    expect(findReference(`BGC ${ref} UNISON BRISTOL`)).toBe(ref);
    expect(findReference(`FP ${ref.replace(/-/g, '')}UNISON`)).toBe(ref);
    expect(findReference(`ref ${ref.toLowerCase().replace(/-/g, ' ')}`)).toBe(ref);
    const typo = `${ref.slice(0, 12)}${ref[12] === '9' ? '8' : '9'}${ref.slice(13)}`;
    expect(findReference(`BGC ${typo} UNISON`)).toBeNull();
    expect(findReference('SUBSCRIPTION')).toBeNull();
  });
});
