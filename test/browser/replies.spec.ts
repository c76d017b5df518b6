import { LetterFollowUpsService } from '../../src/replies/letter-follow-ups.service';
import { Clock } from '../../src/common/clock';
import { queuedEmails } from '../factories/branches.factory';
import { signInAdmin } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession } from '../utils/browser-session';
import { pageShots } from '../utils/page-shots';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Pictures of the pages, to be looked at, when REPLIES_SHOTS_DIR names a folder. */
const shot = pageShots('REPLIES_SHOTS_DIR');
const HOSTILE = '<img src=x onerror=alert(1)> Councillor';

describeInBrowser('replies to letters in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;


  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    b = await browserSession(t);
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  // axe runs in the page, so each page is audited with JavaScript on; the forms are then used with it off.
  it('takes a reply without JavaScript at 375 px, an admin publishes it, and the tallies show it; every page accessible', async () => {
    const phone = await b.phone();
    const { page } = phone;
    await page.goto(`${t.baseUrl}/act/replies`);
    expect(await page.textContent('main')).toContain('No replies have been counted yet');
    await phone.audit();
    await page.click('main a:has-text("Tell us about a reply")');
    await page.waitForURL(/\/act\/replies\/new$/);
    await phone.audit();
    await page.click('main form button[type="submit"]');
    await page.waitForSelector('.error-summary');
    expect(await page.textContent('.error-summary')).toContain('Choose whom you wrote to');
    await phone.audit();
    await shot(page, 'reply-errors-375');

    const noJs = await b.phone({ javaScriptEnabled: false });
    await noJs.page.goto(`${t.baseUrl}/act/replies/new`);
    await noJs.page.selectOption('#field-kind', 'pcc');
    await noJs.page.fill('#field-representativeName', HOSTILE);
    await noJs.page.selectOption('#field-policeArea', 'west-yorkshire');
    await noJs.page.fill('#field-receivedOn', '1/12/2026');
    await noJs.page.check('#field-stance');
    await noJs.page.fill('#field-summary', 'They said they would look into it.');
    await noJs.page.click('main form button[type="submit"]');
    await noJs.page.waitForSelector('h1:has-text("Thank you for telling us")');
    await noJs.close();

    const admin = await signInAdmin(t);
    for (const width of [375, 1280]) {
      const desk = await b.phoneAs(admin, { width });
      await desk.page.goto(`${t.baseUrl}/admin/replies?status=pending`);
      expect(await desk.page.textContent('main table')).toContain(HOSTILE);
      await desk.audit();
      await shot(desk.page, `admin-replies-${width}`);
      if (width === 1280) {
        await desk.page.click('main form button:has-text("Publish")');
        await desk.page.waitForSelector('.notice, [role="status"]');
        await desk.audit();
        await desk.page.goto(`${t.baseUrl}/admin/police-areas`);
        await desk.audit();
        await shot(desk.page, 'admin-police-areas-1280');
        await desk.page.click('main a[href="/admin/police-areas/kent"]');
        await desk.page.fill('#field-accountableBody', '');
        await desk.page.click('main form button[type="submit"]');
        await desk.page.waitForSelector('.error-summary');
        await desk.audit();
        await shot(desk.page, 'admin-police-area-errors-1280');
      }
      await desk.close();
    }

    await page.goto(`${t.baseUrl}/act/replies`);
    const main = await page.textContent('main');
    expect(main).toContain('West Yorkshire');
    expect(main).not.toContain('Councillor');
    await phone.audit();
    await shot(page, 'tallies-375');
    const wide = await b.phone({ width: 1280 });
    await wide.page.goto(`${t.baseUrl}/act/replies`);
    await wide.audit();
    await shot(wide.page, 'tallies-1280');
    await wide.close();
    await phone.close();
  });

  it('answers the questionnaire with one button, without JavaScript', async () => {
    const clock = t.app.get(Clock);
    const followUps = t.app.get(LetterFollowUpsService);
    await followUps.schedule(undefined, { kind: 'mp', area: 'Leeds Central', email: 'browser.writer@example.org' });
    jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 15 * 86_400_000));
    expect(await followUps.sendDue()).toBe(1);
    jest.restoreAllMocks();
    const [email] = await queuedEmails(t, 'browser.writer@example.org');
    const link = email!.text.match(/http\S*\/act\/did-they-reply\/replied\?token=[A-Za-z0-9_-]{43}/)![0].replace(/^https?:\/\/[^/]+/, t.baseUrl);

    const look = await b.phone();
    await look.page.goto(link);
    await look.audit();
    await shot(look.page, 'did-they-reply-375');
    await look.close();
    const phone = await b.phone({ javaScriptEnabled: false });
    await phone.page.goto(link);
    await phone.page.click('main form button[type="submit"]');
    await phone.page.waitForSelector('h1:has-text("your answer is counted")');
    await phone.page.goto(`${t.baseUrl}/act/replies`);
    expect(await phone.page.textContent('main')).toContain('1 answer');
    await phone.close();
  });
});
