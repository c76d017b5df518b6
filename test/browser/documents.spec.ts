import { readFileSync } from 'node:fs';
import { createTestApp, TestApp } from '../utils/test-app';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession } from '../utils/browser-session';
import { assertWellFormedDocx, mammothText, squash } from '../utils/docx';
import { expectRefusedForm } from '../utils/browser-form-errors';

describeInBrowser('the model motion form in a browser', () => {
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

  it('has no axe violations, loads nothing from another origin and fits a 375 px screen', async () => {
    const phone = await b.phone();
    const response = await phone.page.goto(`${t.baseUrl}/documents/model-motion`);
    expect(response?.status()).toBe(200);
    await phone.page.waitForLoadState('networkidle');
    await phone.audit();
    await phone.close();
  });

  it('shows refused input accessibly: summary, messages tied to their fields, still no axe violations', async () => {
    const phone = await b.phone();
    const { page } = phone;
    await page.goto(`${t.baseUrl}/documents/model-motion`);
    await page.fill('#branchName', 'x'.repeat(120));
    await page.fill('#meetingDate', '31/2/2025');
    const [response] = await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(response?.status()).toBe(400);
    await expectRefusedForm(page, [
      ['#union', 'Enter your union'],
      ['#meetingDate', 'Meeting date must be a real date, like 14/3/2026'],
    ]);
    expect(await page.getAttribute('#union', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#union', 'aria-describedby')).toBe('union-hint union-error');
    expect(await page.inputValue('#branchName')).toBe('x'.repeat(120));
    await phone.audit();
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/model-motion-errors.png`, fullPage: true });
    await phone.close();
  });

  it("downloads the motion as a .docx with the branch's details", async () => {
    const phone = await b.phone();
    const { page } = phone;
    await page.goto(`${t.baseUrl}/documents/model-motion`);
    await page.fill('#union', 'Unite');
    await page.fill('#branchName', 'Brighton & Hove 🐝');
    await page.fill('#meetingDate', '2025-03-14');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[type="submit"]')]);
    expect(download.suggestedFilename()).toBe('Unite Brighton & Hove 🐝 - model motion 2025.docx');
    const path = await download.path();
    const buffer = readFileSync(path);
    await assertWellFormedDocx(buffer);
    expect(squash(await mammothText(buffer))).toContain('Motion to affiliate to Police Spies Out of Lives — Brighton & Hove 🐝 branch of Unite For the branch meeting on 14 March 2025.');
    await phone.close();
  });

  it('downloads the blank motion from the link on the form page', async () => {
    const phone = await b.phone();
    const { page } = phone;
    await page.goto(`${t.baseUrl}/documents/model-motion`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href="/documents/model-motion.docx"]')]);
    expect(download.suggestedFilename()).toBe('Police Spies Out of Lives - model motion.docx');
    await assertWellFormedDocx(readFileSync(await download.path()));
    await phone.close();
  });
});
