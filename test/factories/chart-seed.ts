import { AffiliationWorkflow } from '../../src/affiliations/affiliation-workflow';
import { AffiliationsService } from '../../src/affiliations/affiliations.service';
import type { Affiliation } from '../../src/affiliations/affiliation.entity';
import { SYSTEM_ACTOR, type Actor } from '../../src/audit/audit.service';
import { monthsEndingAt, type Month } from '../../src/common/charts/months';
import { Clock, londonDate } from '../../src/common/clock';
import { InvoicesRepository } from '../../src/fees/invoices.repository';
import type { SignedIn } from '../utils/auth';
import type { TestApp } from '../utils/test-app';
import { makeSubmittedAffiliation, type BranchFields } from './database.factory';

/** A union name with the characters that break markup, for the charts' labels. */
export const MARKUP_UNION = 'R&D <Makers> Union';

/** What the seed put in, as the dashboard's charts should show it. */
export interface ChartSeed {
  /** The dashboard's two years of months, oldest first. */
  months: Month[];
  /** Approvals counted per month (affiliations still accepted). */
  approvals: Map<Month, number>;
  /** Net pence received per month. */
  received: Map<Month, number>;
}

const add = (map: Map<Month, number>, month: Month, n: number): void => void map.set(month, (map.get(month) ?? 0) + n);

/**
 * Branches approved at chosen moments over two years and a bit, some of them
 * no longer affiliated, one that is not listed publicly, a union whose name
 * needs escaping, and payments across the months (one reversed). Everything
 * goes through the app's services and API, with the clock set for each approval.
 */
export async function seedChartData(t: TestApp, admin: SignedIn): Promise<ChartSeed> {
  const actor: Actor = { id: admin.user.id, role: admin.user.role, ip: null };
  const clock = t.app.get(Clock);
  const months = monthsEndingAt(londonDate(new Date()), 24);
  const approvals = new Map<Month, number>();
  const received = new Map<Month, number>();
  const at = (month: Month, day = 15): Date => new Date(`${month}-${String(day).padStart(2, '0')}T12:00:00Z`);

  async function approved(branch: BranchFields, when?: Date): Promise<Affiliation> {
    const submitted = await makeSubmittedAffiliation(t, { branch });
    const spy = when ? jest.spyOn(clock, 'now').mockReturnValue(when) : undefined;
    try {
      return await t.app.get(AffiliationsService).decide(actor, submitted.id, 'approve');
    } finally {
      spy?.mockRestore();
    }
  }
  async function pay(affiliation: Affiliation, pence: number, receivedOn: string): Promise<string> {
    const [invoice] = (await t.app.get(InvoicesRepository).findForBranch(affiliation.branchId)).filter((i) => i.affiliationId === affiliation.id);
    const res = await admin.agent
      .post('/api/admin/payments')
      .set('X-CSRF-Token', admin.csrf)
      .send({ reference: invoice!.reference, amountPence: pence, receivedOn, method: 'bank_transfer', bankReference: `BANK-${receivedOn}-${pence}` });
    if (res.status !== 201) throw new Error(`pay: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  const oldest = await approved({ region: 'london', union: 'unison' }, at(months[0]!, 1));
  add(approvals, months[0]!, 1);
  // The month before the two years: affiliated, but not in the monthly chart.
  const older = await approved({ region: 'london', union: 'unison' }, new Date(Date.parse(`${months[0]}-01T12:00:00Z`) - 2 * 86_400_000));
  const wales = await approved({ region: 'wales', union: 'unite' }, at(months[17]!));
  const scotland = await approved({ region: 'scotland', union: 'other', unionOther: MARKUP_UNION }, at(months[17]!, 20));
  add(approvals, months[17]!, 2);
  // 23:30 on the last day of June in UTC is already July in the UK: the chart's months are the UK's.
  const june = months.findIndex((m, i) => m.endsWith('-06') && i < 23);
  await approved({ region: 'wales', union: 'unite' }, new Date(`${months[june]}-30T23:30:00Z`));
  add(approvals, months[june + 1]!, 1);
  // Affiliated and counted on the dashboard, but not listed publicly.
  await approved({ region: 'northern_ireland', union: 'gmb', listPublicly: false }, at(months[5]!));
  add(approvals, months[5]!, 1);
  // Approved, then withdrawn (this month) or lapsed: the approvals still count, the branches are no longer affiliated.
  const withdrawn = await approved({ region: 'london', union: 'unison' });
  add(approvals, months[23]!, 1);
  await t.app.get(AffiliationWorkflow).transition({ affiliationId: withdrawn.id, action: 'withdraw', actor: SYSTEM_ACTOR, by: 'secretary' });
  const lapsed = await approved({ region: 'london', union: 'pcs' }, at(months[10]!));
  add(approvals, months[10]!, 1);
  await t.app.get(AffiliationWorkflow).transition({ affiliationId: lapsed.id, action: 'lapse', actor: SYSTEM_ACTOR, by: 'system' });
  // Submitted and never decided: in no chart.
  await makeSubmittedAffiliation(t, { branch: { region: 'eastern', union: 'unison' } });

  await pay(oldest, 2500, `${months[3]}-10`);
  await pay(wales, 1000, `${months[3]}-20`);
  add(received, months[3]!, 3500);
  await pay(scotland, 1500, `${months[20]}-01`);
  add(received, months[20]!, 1500);
  // Before the two years: not in the chart.
  await pay(older, 2500, `${Number(months[0]!.slice(0, 4)) - 1}${months[0]!.slice(4)}-01`);
  // Paid and reversed today: this month nets to nothing.
  const mistake = await pay(scotland, 1000, londonDate(new Date()));
  const reversed = await admin.agent.post(`/api/admin/payments/${mistake}/reverse`).set('X-CSRF-Token', admin.csrf).send({ reason: 'Keyed twice' });
  if (reversed.status !== 201) throw new Error(`reverse: ${reversed.status} ${JSON.stringify(reversed.body)}`);
  add(received, months[23]!, 0);
  return { months, approvals, received };
}
