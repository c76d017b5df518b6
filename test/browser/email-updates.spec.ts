import { setTimeout as sleep } from 'node:timers/promises';
import { queuedEmails } from '../factories/branches.factory';
import { makeApprovedAffiliation, makeSecretary } from '../factories/database.factory';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { expectRefusedForm } from '../utils/browser-form-errors';
import { browserSession, type BrowserSession } from '../utils/browser-session';
import { createTestApp, type TestApp } from '../utils/test-app';

const SCRIPT = '<script>alert(1)</script>';

describeInBrowser('email updates in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;
  let admin: SignedIn;
  let sec: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ listen: true, env: { MAIL_POLL_SECONDS: '0.5', UPDATES_BATCH_SIZE: '1', UPDATES_BATCH_PAUSE_SECONDS: '0' } });
    b = await browserSession(t);
    admin = await signInAdmin(t);
    sec = await signUpSecretary(t, { email: 'browser.updates@example.org' });
    await makeApprovedAffiliation(t, { secretary: sec.user });
    await makeApprovedAffiliation(t, { secretary: await makeSecretary(t, { email: 'other.updates@example.org' }) });
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('an admin writes, previews, samples, confirms and sends an update on a phone', async () => {
    const a = await b.phoneAs(admin);
    const { page } = a;
    await page.goto(`${t.baseUrl}/admin`);
    await page.click('text=Email updates');
    await a.audit();
    await page.click('text=Write an update');
    await a.audit();

    await page.fill('#field-subject', `News ${SCRIPT}`);
    await page.fill('#field-body', `# A heading\n\nRead [the statement](https://example.org/statement). ${SCRIPT}`);
    await page.click('button:has-text("Preview")');
    await page.waitForSelector('#preview-title');
    expect(await page.innerHTML('.update-preview')).toContain('<h1>A heading</h1>');
    expect(await page.textContent('.update-preview')).toContain(SCRIPT);
    await a.audit();

    // Going on without an audience: one message, at the checkboxes.
    await page.click('button:has-text("Continue to send")');
    await expectRefusedForm(page, [['#field-audiences', 'Choose who gets the update']]);
    await a.audit();

    await page.check('input[name="audiences"][value="branches"]');
    await page.click('button:has-text("Send a sample to myself")');
    await page.waitForSelector('.notice-success');
    await a.audit();
    expect((await queuedEmails(t, admin.user.email)).some((m) => m.subject === `[Sample] News ${SCRIPT}`)).toBe(true);

    await page.click('button:has-text("Continue to send")');
    await page.waitForSelector('text=Check and send the update');
    expect(await page.textContent('main')).toContain('2 people, each once');
    // The text came through the refused form, the sample and the hidden fields unchanged (no indentation turned it into code).
    expect(await page.innerHTML('.update-preview')).toContain('<h1>A heading</h1>');
    expect(await page.$$('.update-preview pre')).toHaveLength(0);
    await a.audit();
    await page.click('button:has-text("Change the update")');
    expect(await page.inputValue('#field-body')).toBe(`# A heading\n\nRead [the statement](https://example.org/statement). ${SCRIPT}`);
    await page.click('button:has-text("Continue to send")');
    await page.click('button:has-text("Send to 2 people")');
    await page.waitForURL(/\/admin\/updates\/[0-9a-f-]{36}\?sent=1$/);
    await a.audit();
    for (let i = 0; i < 50 && !((await page.textContent('main')) ?? '').includes('Sent: 2 of 2'); i++) {
      await sleep(200);
      await page.reload();
    }
    expect(await page.textContent('main')).toContain('Sent: 2 of 2');
    await a.audit();
    await page.goto(`${t.baseUrl}/admin/updates`);
    expect(await page.textContent('main')).toContain(`News ${SCRIPT}`);
    await a.audit();
    await a.close();
  });

  it('a recipient stops the updates from the emailed link, with no account, and a secretary sees the setting on My account', async () => {
    let mail: { subject: string; text: string } | undefined;
    for (let i = 0; i < 50 && !mail; i++) {
      mail = (await queuedEmails(t, sec.user.email)).find((m) => m.subject === `News ${SCRIPT}`);
      if (!mail) await sleep(100);
    }
    const link = /https?:\/\/\S+\/unsubscribe\/[A-Za-z0-9_-]{43}/.exec(mail!.text)![0].replace(/^https?:\/\/[^/]+/, t.baseUrl);
    const visitor = await b.phone();
    await visitor.page.goto(link);
    await visitor.audit();
    await visitor.page.click('button:has-text("Stop the updates")');
    await visitor.page.waitForSelector('text=You will get no more updates');
    await visitor.audit();
    await visitor.close();

    const s = await b.phoneAs(sec);
    await s.page.goto(`${t.baseUrl}/account`);
    expect(await s.page.isChecked('#field-updates-enabled-no')).toBe(true);
    await s.audit();
    await s.page.check('#field-updates-enabled');
    await s.page.click('button:has-text("Save my choice")');
    await s.page.waitForSelector('text=You will get the campaign’s email updates.');
    expect(await s.page.isChecked('#field-updates-enabled')).toBe(true);
    await s.audit();
    await s.close();
  });
});
