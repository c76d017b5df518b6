import { arrearsPageView, arrearsPath } from './arrears-page-view';
import type { ArrearsPage } from './arrears.service';
import { nextReminderFrom, reminderRefusal, type ReminderState } from './invoice-reminders.service';

describe('the reminder rule', () => {
  const now = new Date('2026-03-20T10:00:00Z');
  const today = '2026-03-20';
  const owing: ReminderState = { reference: 'PSOOL-2026-0042-K', dueOn: '2026-02-01', paid: false, hasSecretary: true, lastReminderAt: null };

  it('allows a reminder for an unpaid invoice past due whose branch has a secretary and that was not reminded in 7 days', () => {
    expect(reminderRefusal(owing, now, today)).toBeNull();
    expect(reminderRefusal({ ...owing, lastReminderAt: new Date('2026-03-13T09:59:00Z') }, now, today)).toBeNull();
  });

  it('refuses, saying why, in the order a person would fix it: paid, not yet due, reminded lately, no secretary', () => {
    expect(reminderRefusal({ ...owing, paid: true, hasSecretary: false }, now, today)?.message).toBe('Invoice PSOOL-2026-0042-K is paid: there is nothing to remind the branch about.');
    expect(reminderRefusal({ ...owing, dueOn: today }, now, today)?.message).toBe('Invoice PSOOL-2026-0042-K is not overdue: it is due on 20 March 2026.');
    const refusal = reminderRefusal({ ...owing, lastReminderAt: new Date('2026-03-14T00:30:00Z') }, now, today);
    expect(refusal?.message).toBe('Invoice PSOOL-2026-0042-K was already reminded on 14 March 2026. Another reminder can be sent from 21 March 2026.');
    expect(refusal?.status).toBe(409);
    expect(refusal?.details).toEqual({ lastReminderAt: '2026-03-14T00:30:00.000Z', nextReminderFrom: '2026-03-21T00:30:00.000Z' });
    expect(reminderRefusal({ ...owing, hasSecretary: false }, now, today)?.message).toMatch(/has no secretary/);
  });

  it('dates a reminder by the UK calendar: just after midnight in London in summer is the next day', () => {
    const refusal = reminderRefusal({ ...owing, lastReminderAt: new Date('2026-07-13T23:30:00Z') }, new Date('2026-07-15T10:00:00Z'), '2026-07-15');
    expect(refusal?.message).toContain('already reminded on 14 July 2026');
    expect(nextReminderFrom(new Date('2026-07-13T23:30:00Z')).toISOString()).toBe('2026-07-20T23:30:00.000Z');
  });
});

describe('the arrears page’s links', () => {
  it('keep the bucket, order and page, leaving out the defaults', () => {
    expect(arrearsPath({})).toBe('/admin/fees/arrears');
    expect(arrearsPath({ sort: '-daysOverdue', page: 1 })).toBe('/admin/fees/arrears');
    expect(arrearsPath({ bucket: 'over-90', sort: 'branch', page: 2 }, { sent: ['a', 'b'], refused: [] })).toBe('/admin/fees/arrears?bucket=over-90&sort=branch&page=2&sent=a%2Cb');
  });

  it('sort a column its natural way first (largest and longest first for money and days), then the other way', () => {
    const page: ArrearsPage = { items: [], total: 0, page: 1, pageSize: 50, buckets: [], all: { count: 0, outstandingPence: 0 } };
    const columns = (sort?: Parameters<typeof arrearsPath>[0]['sort']) =>
      arrearsPageView({ sort }, page).columns as { label: string; href: string; ariaSort?: string }[];
    const byLabel = (sort?: Parameters<typeof arrearsPath>[0]['sort']) => Object.fromEntries(columns(sort).map((c) => [c.label, c]));
    expect(byLabel().Overdue).toEqual({ label: 'Overdue', numeric: true, href: '/admin/fees/arrears?sort=daysOverdue', ariaSort: 'descending' });
    expect(byLabel().Owed!.href).toBe('/admin/fees/arrears?sort=-outstanding');
    expect(byLabel().Branch!.href).toBe('/admin/fees/arrears?sort=branch');
    expect(byLabel('branch').Branch).toMatchObject({ href: '/admin/fees/arrears?sort=-branch', ariaSort: 'ascending' });
    expect(byLabel('-branch').Branch).toMatchObject({ href: '/admin/fees/arrears?sort=branch', ariaSort: 'descending' });
  });
});
