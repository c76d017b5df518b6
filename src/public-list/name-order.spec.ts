import { compareKeyed, compareNames, nameSortKey } from './name-order';

const sign = (n: number): number => Math.sign(n);

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('name order', () => {
  it('orders keyed names exactly as the collator does, digits as numbers, case ignored', () => {
    const rnd = random(16);
    const alphabet = ['a', 'b', 'Z', 'e', 'E', ' ', ' ', '0', '1', '9', '00', '10', '007', '-', "'", '&', '.', ',', '(', ')', '/', '_', '~', '`', '^', '"', '#', '+'];
    const word = (): string => Array.from({ length: Math.floor(rnd() * 8) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
    const names = Array.from({ length: 3000 }, word);
    names.push('Branch 9', 'Branch 10', 'branch 010', 'Branch 1 0', 'Branch', 'Branch ', 'Unison North 00123', '', 'x'.repeat(50) + '1'.repeat(45));
    const disagreements: string[] = [];
    for (let i = 0; i < names.length; i++) {
      for (const j of [i + 1, Math.floor(rnd() * names.length), Math.floor(rnd() * names.length)]) {
        const a = names[i];
        const b = names[j % names.length];
        const keyed = compareKeyed(a, nameSortKey(a), b, nameSortKey(b));
        if (sign(keyed) !== sign(compareNames(a, b))) disagreements.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('gives names outside printable ASCII no key, so the collator orders them', () => {
    expect(nameSortKey('Ynys Môn')).toBeUndefined();
    expect(nameSortKey('Tab\there')).toBeUndefined();
    expect(nameSortKey('Ynys Mon')).toBeDefined();
    expect(sign(compareKeyed('Ynys Môn', undefined, 'Ynys Mon', nameSortKey('Ynys Mon')))).toBe(0);
    expect(sign(compareKeyed('Ynys Môn', undefined, 'Ynys Mop', nameSortKey('Ynys Mop')))).toBe(-1);
  });

  it('sorts numbers by value and ignores leading zeros', () => {
    const names = ['Branch 10', 'Branch 9', 'Branch 09a', 'branch 1', 'Branch 100'];
    const keyed = [...names].sort((a, b) => compareKeyed(a, nameSortKey(a), b, nameSortKey(b)));
    expect(keyed).toEqual(['branch 1', 'Branch 9', 'Branch 09a', 'Branch 10', 'Branch 100']);
  });
});
