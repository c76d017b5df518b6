import { shortDate } from './short-date';

describe('shortDate', () => {
  it('writes the UK day, in summer time and winter time, the same however often it is asked', () => {
    for (let i = 0; i < 3; i++) {
      expect(shortDate(new Date('2026-07-13T22:59:59Z'))).toBe('13 Jul 2026');
      expect(shortDate(new Date('2026-07-13T23:00:00Z'))).toBe('14 Jul 2026'); // midnight in London (BST)
      expect(shortDate(new Date('2026-12-07T23:59:59Z'))).toBe('7 Dec 2026');
      expect(shortDate(new Date('2026-12-08T00:00:00Z'))).toBe('8 Dec 2026'); // midnight in London (GMT)
      expect(shortDate('2026-03-29T00:30:00Z')).toBe('29 Mar 2026'); // the night the clocks go forward
      expect(shortDate('2026-10-25T00:30:00Z')).toBe('25 Oct 2026'); // and back
    }
  });

  it('writes nothing for no date or one that is not a date', () => {
    expect(shortDate(null)).toBe('');
    expect(shortDate(undefined)).toBe('');
    expect(shortDate('not a date')).toBe('');
  });
});
