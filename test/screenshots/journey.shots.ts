import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { signInAdmin, signUpSecretary } from '../utils/auth';
import { browserSession } from '../utils/browser-session';
import { createTestApp } from '../utils/test-app';
import { createBranch, submitAffiliation, today } from '../factories/branches.factory';

const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');

/**
 * The secretary's journey on a phone, and an admin's queue on a desktop, as
 * the README shows them. Each picture is audited as the browser tests audit
 * every page, so a picture of a broken page is never committed.
 */
it('takes the README’s screenshots', async () => {
  const t = await createTestApp({ listen: true });
  const b = await browserSession(t);
  const admin = await signInAdmin(t);
  const sec = await signUpSecretary(t, { email: 'screenshots@example.org', name: 'Sam Secretary' });
  const phone = await b.phoneAs(sec);
  const { page } = phone;
  const shot = async (p: Page, name: string): Promise<void> => {
    await p.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  };

  await page.goto(`${t.baseUrl}/`);
  await phone.audit();
  await shot(page, 'phone-1-home');
  await page.click('header summary.nav-toggle');
  await page.screenshot({ path: join(OUT, 'phone-2-menu.png') });

  await page.goto(`${t.baseUrl}/branch/new`);
  await page.fill('[name="membershipSize"]', 'about 300');
  await page.click('main form button[type="submit"]');
  await phone.audit();
  await shot(page, 'phone-3-register-errors');

  const branch = await createBranch(sec, { name: 'Leeds City', union: 'unison', region: 'yorkshire_humber', membershipSize: 1200 });
  await page.goto(`${t.baseUrl}/branch/${branch.id}`);
  await phone.audit();
  await shot(page, 'phone-4-branch-registered');

  const affiliation = await submitAffiliation(sec, branch.id, { motionPassedOn: today() });
  await admin.agent.post(`/api/admin/affiliations/${affiliation.id}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);
  await page.goto(`${t.baseUrl}/branch/${branch.id}`);
  await phone.audit();
  await shot(page, 'phone-5-branch-pay');

  await page.goto(`${t.baseUrl}/branch/${branch.id}/signed-letter`);
  await phone.audit();
  await shot(page, 'phone-6-signed-letter');

  await page.goto(`${t.baseUrl}/branch/${branch.id}/affiliations/${affiliation.id}/withdraw`);
  await phone.audit();
  await shot(page, 'phone-7-withdraw-confirm');
  await phone.close();

  for (const name of ['Bristol Docks', 'Cardiff Central', 'Glasgow North']) {
    const other = await signUpSecretary(t, { email: `${name.replace(/\W/g, '').toLowerCase()}@example.org` });
    const b2 = await createBranch(other, { name, membershipSize: 400 });
    await submitAffiliation(other, b2.id);
  }
  const desk = await b.phoneAs(admin, { width: 1280 });
  await desk.page.goto(`${t.baseUrl}/admin/affiliations`);
  await desk.audit();
  await shot(desk.page, 'desktop-admin-queue');
  await desk.close();

  await b.close();
  await t.close();
});
