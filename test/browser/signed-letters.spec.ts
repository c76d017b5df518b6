import type { Page } from 'playwright-core';
import { createBranch } from '../factories/branches.factory';
import { EXE, JPEG, PDF } from '../factories/signed-letter-files';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession } from '../utils/browser-session';
import { createTestApp, TestApp } from '../utils/test-app';

const YEAR = Number(new Date().toLocaleDateString('en-GB', { year: 'numeric', timeZone: 'Europe/London' }));

/** The page at 1280 px too, for people to look at, when SCREENSHOT_DIR is set. */
async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  await page.screenshot({ path: `${dir}/${name}-375.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${dir}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
}

describeInBrowser('the signed letter in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;
  let sec: SignedIn;
  let admin: SignedIn;
  let branch: { id: string; publicName: string };

  beforeAll(async () => {
    t = await createTestApp({ listen: true, env: { SIGNED_LETTER_MAX_MB: '1' } });
    b = await browserSession(t);
    sec = await signUpSecretary(t);
    admin = await signInAdmin(t);
    branch = await createBranch(sec, { union: 'gmb', name: 'Tyneside Branch' });
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const upload = async (page: Page, name: string, mimeType: string, buffer: Buffer): Promise<number | undefined> => {
    await page.setInputFiles('#field-signed-letter-file', { name, mimeType, buffer });
    const [response] = await Promise.all([page.waitForNavigation(), page.click('#signed-letter button[type="submit"]')]);
    return response?.status();
  };

  it('a secretary uploads the signed letter from the branch page after a refused file', async () => {
    const phone = await b.phoneAs(sec);
    const { page } = phone;
    await page.goto(`${t.baseUrl}/branch/${branch.id}`);
    expect(await page.textContent('#signed-letter')).toContain(`Signed affiliation letter for ${YEAR}`);
    expect(await page.getAttribute('#field-signed-letter-file', 'aria-describedby')).toBe('hint-signed-letter-file');
    await phone.audit();
    await shoot(page, 'signed-letter-branch-page');

    // A program renamed as a PDF: the form again, with the message tied to the field.
    expect(await upload(page, 'letter.pdf', 'application/pdf', EXE)).toBe(400);
    expect(await page.textContent('h1')).toBe('Upload the signed letter for GMB Tyneside Branch');
    expect(await page.textContent('.error-summary')).toContain('The selected file must be a PDF, JPEG or PNG: this one is a program, not a document');
    expect(await page.getAttribute('.error-summary a', 'href')).toBe('#field-signed-letter-file');
    expect(await page.getAttribute('#field-signed-letter-file', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#field-signed-letter-file', 'aria-describedby')).toBe('error-signed-letter-file hint-signed-letter-file');
    await phone.audit();
    await shoot(page, 'signed-letter-refused');

    expect(await upload(page, 'signed.pdf', 'application/pdf', PDF)).toBe(200);
    expect(page.url()).toBe(`${t.baseUrl}/branch/${branch.id}?done=signed-letter`);
    expect(await page.textContent('main')).toContain('The signed letter is uploaded');
    expect(await page.textContent('#signed-letter')).toContain('Download the signed letter (PDF, ');
    await phone.audit();
    await shoot(page, 'signed-letter-uploaded');
    await phone.close();
  });

  it('works without JavaScript, the file replacing the one before', async () => {
    const { page, close } = await b.phoneAs(sec, { javaScriptEnabled: false });
    await page.goto(`${t.baseUrl}/branch/${branch.id}`);
    expect(await upload(page, 'second.pdf', 'application/pdf', PDF)).toBe(200);
    expect(page.url()).toBe(`${t.baseUrl}/branch/${branch.id}?done=signed-letter-replaced`);
    await close();
  });

  it('an admin sees the letter on the branch page and downloads it as an attachment', async () => {
    const s = await b.phoneAs(sec);
    await s.page.goto(`${t.baseUrl}/branch/${branch.id}`);
    expect(await upload(s.page, 'IMG_0042.jpg', 'image/jpeg', JPEG)).toBe(200);
    await s.close();

    const phone = await b.phoneAs(admin);
    const { page } = phone;
    await page.goto(`${t.baseUrl}/admin/branches/${branch.id}`);
    const row = page.locator('section[aria-labelledby="signed-letters-title"] tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('IMG_0042.jpg (JPEG, 134 bytes)');
    await phone.audit();
    await shoot(page, 'signed-letter-admin');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`text=Download the ${YEAR} letter`)]);
    expect(download.suggestedFilename()).toBe(`GMB Tyneside Branch - signed affiliation letter ${YEAR}.jpg`);
    await phone.close();
  });
});
