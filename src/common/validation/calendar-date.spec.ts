import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CalendarDateInput, formatUkDate, IsCalendarDate, parseCalendarDate } from './calendar-date';

describe('parseCalendarDate', () => {
  it.each([
    ['2026-03-14', '2026-03-14'],
    ['14/3/2026', '2026-03-14'],
    ['14/03/2026', '2026-03-14'],
    ['4/3/2026', '2026-03-04'],
    [' 14 / 3 / 2026 ', '2026-03-14'],
    ['14.3.2026', '2026-03-14'],
    ['14-3-2026', '2026-03-14'],
    ['14 3 2026', '2026-03-14'],
    ['14 March 2026', '2026-03-14'],
    ['14 march 2026', '2026-03-14'],
    ['14 Mar 2026', '2026-03-14'],
    ['14th March 2026', '2026-03-14'],
    ['1 Sept 2026', '2026-09-01'],
    ['29/2/2024', '2024-02-29'],
  ])('reads %s as %s', (typed, iso) => expect(parseCalendarDate(typed)).toBe(iso));

  it.each([
    ['month first', '3/14/2026'],
    ['a day that does not exist', '31/2/2026'],
    ['29 February of a common year', '29/2/2025'],
    ['an impossible ISO date', '2026-02-30'],
    ['a two-digit year', '14/3/26'],
    ['a month name that is no month', '14 Marchember 2026'],
    ['an ambiguous month abbreviation', '14 Ju 2026'],
    ['words', 'last Tuesday'],
    ['a year out of range', '14/3/1850'],
    ['nothing', ''],
  ])('refuses %s (%s)', (_, typed) => expect(parseCalendarDate(typed)).toBeNull());
});

describe('formatUkDate', () => {
  it('shows a date as people in the UK write it', () => {
    expect(formatUkDate('2026-03-14')).toBe('14 March 2026');
    expect(formatUkDate('2026-12-01')).toBe('1 December 2026');
  });
});

class Meeting {
  @CalendarDateInput()
  @IsCalendarDate({ label: 'Meeting date' })
  on!: unknown;
}

describe('a typed date field', () => {
  async function read(on: unknown): Promise<{ on: unknown; messages: string[] }> {
    const dto = plainToInstance(Meeting, { on });
    const errors = await validate(dto);
    return { on: dto.on, messages: errors.flatMap((e) => Object.values(e.constraints ?? {})) };
  }

  it('becomes ISO, whichever way it was written, so the API keeps taking ISO', async () => {
    expect(await read('14/3/2026')).toEqual({ on: '2026-03-14', messages: [] });
    expect(await read('2026-03-14')).toEqual({ on: '2026-03-14', messages: [] });
  });

  it('keeps what it cannot read as typed, refused with a UK example', async () => {
    expect(await read('31/2/2026')).toEqual({ on: '31/2/2026', messages: ['Meeting date must be a real date, like 14/3/2026'] });
  });

  it('counts an empty field as not given', async () => {
    expect((await read('  ')).on).toBeUndefined();
  });
});
