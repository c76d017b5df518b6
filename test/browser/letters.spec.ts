import { readFileSync } from 'node:fs';
import { createTestApp, TestApp } from '../utils/test-app';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession, type Phone } from '../utils/browser-session';
import { expectRefusedForm } from '../utils/browser-form-errors';
import { assertWellFormedDocx, mammothText, squash } from '../utils/docx';

const shot = (name: string): string | undefined => (process.env.SCREENSHOT_DIR ? `${process.env.SCREENSHOT_DIR}/${name}.png` : undefined);

describeInBrowser('the letter builder in a browser without JavaScript', () => {
  let t: TestApp;
  let b: BrowserSession;

  /**
   * axe is a script, and cannot run in a page whose scripts are off: the page
   * exactly as the browser without JavaScript got it (scripts never ran, so
   * its DOM is the server's HTML) is served again to a page that can run
   * axe, at the same address and width, and audited there.
   */
  async function audit(noScript: Phone, width?: number): Promise<void> {
    const [url, html] = [noScript.page.url(), await noScript.page.content()];
    const auditor = await b.phone(width ? { width } : {});
    try {
      await auditor.page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
      await auditor.page.goto(url);
      await auditor.audit();
    } finally {
      await auditor.close();
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    b = await browserSession(t);
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('at 375 px: choose, refused form, the letter as text and as a .docx, axe at zero on every page', async () => {
    const phone = await b.phone({ javaScriptEnabled: false });
    const { page } = phone;
    expect((await page.goto(`${t.baseUrl}/act/write`))?.status()).toBe(200);
    await audit(phone);
    const choose = shot('letters-choose-375');
    if (choose) await page.screenshot({ path: choose, fullPage: true });

    await Promise.all([page.waitForNavigation(), page.click('a[href="/act/write/pcc"]')]);
    expect(await page.textContent('h1')).toBe('Write to your police and crime commissioner');
    await page.fill('#field-personalNote', 'Kept when the form comes back.');
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(refused?.status()).toBe(400);
    await expectRefusedForm(page, [
      ['#field-writerName', 'Enter your name'],
      ['#field-writerAddress', 'Enter your address'],
    ]);
    await audit(phone);

    await page.fill('#field-writerName', 'Sam <Writer>');
    await page.fill('#field-writerAddress', '3 Example Road\nBristol\nBS2 0XX');
    await page.selectOption('#field-area', 'avon-and-somerset');
    await page.fill('#field-personalNote', 'My sister was deceived by an undercover officer.');
    const [result] = await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(result?.status()).toBe(200);
    expect(await page.inputValue('#letter-subject')).toBe('Undercover police abuse of women: please condemn it and sign Where We Stand');
    const text = await page.inputValue('#letter-text');
    expect(text).toMatch(/^Sam <Writer>\n3 Example Road\nBristol\nBS2 0XX\n\n/);
    expect(text).toContain('Avon and Somerset Police and Crime Commissioner\n\nDear Sir or Madam,\n\nMy sister was deceived by an undercover officer.');
    expect(await page.textContent('main')).toMatch(/8 of the \d+ words/);
    await audit(phone);
    const resultShot = shot('letters-result-375');
    if (resultShot) await page.screenshot({ path: resultShot, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download the letter (Word)')]);
    expect(download.suggestedFilename()).toBe('Police Spies Out of Lives - letter to a police commissioner.docx');
    const buffer = readFileSync((await download.path())!);
    await assertWellFormedDocx(buffer);
    expect(squash(await mammothText(buffer))).toContain('Sam <Writer>');
    expect(phone.requests.filter((u) => !u.startsWith(t.baseUrl))).toEqual([]);
    await phone.close();
  }, 90_000);

  it('at 1280 px the form and the result have no axe violations', async () => {
    const wide = await b.phone({ javaScriptEnabled: false, width: 1280 });
    const { page } = wide;
    await page.goto(`${t.baseUrl}/act/write/mp`);
    await audit(wide, 1280);
    const form = shot('letters-form-1280');
    if (form) await page.screenshot({ path: form, fullPage: true });
    await page.fill('#field-writerName', 'Sam Writer');
    await page.fill('#field-writerAddress', '3 Example Road\nBristol');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    await audit(wide, 1280);
    const result = shot('letters-result-1280');
    if (result) await page.screenshot({ path: result, fullPage: true });
    await wide.close();
  }, 60_000);
});
