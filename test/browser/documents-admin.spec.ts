import { readFileSync } from 'node:fs';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession } from '../utils/browser-session';
import { assertWellFormedDocx, mammothText, squash } from '../utils/docx';
import { createTestApp, TestApp } from '../utils/test-app';
import { createBranch } from '../factories/branches.factory';

const SCRIPT = '<script>window.pwned = 1</script>';
const SVG = '"><svg onload="window.pwned = 2">';

describeInBrowser('document templates and branch documents in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;
  let sec: SignedIn;
  let admin: SignedIn;
  let branch: { id: string };

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    b = await browserSession(t);
    sec = await signUpSecretary(t);
    admin = await signInAdmin(t);
    branch = await createBranch(sec, { name: 'Swansea Docks', address: '1 Quay Street\nSwansea' });
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it("the secretary downloads the branch's documents from the branch page", async () => {
    const s = await b.phoneAs(sec);
    await s.page.goto(`${t.baseUrl}/branch/${branch.id}`);
    await s.audit();
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('text=Download the affiliation letter (Word)')]);
    expect(download.suggestedFilename()).toBe(`UNISON Swansea Docks - affiliation letter ${new Date().getFullYear()}.docx`);
    const buffer = readFileSync(await download.path());
    await assertWellFormedDocx(buffer);
    expect(squash(await mammothText(buffer))).toContain('the Swansea Docks branch of UNISON');
    await s.close();
  });

  it('the admin sees the download on the branch page', async () => {
    const a = await b.phoneAs(admin);
    await a.page.goto(`${t.baseUrl}/admin/branches/${branch.id}`);
    const row = a.page.locator('section[aria-labelledby="documents-title"] tbody tr').first();
    expect(await row.locator('td[data-label="Document"]').textContent()).toBe('Affiliation letter');
    expect(await row.locator('td[data-label="Version"]').textContent()).toMatch(/^\d+$/);
    await a.audit();
    await a.close();
  });

  it('lists the templates, edits one with hostile text that only ever shows as text, refuses an unknown placeholder, saves and reverts', async () => {
    const a = await b.phoneAs(admin);
    a.page.on('dialog', (d) => void d.dismiss());
    await a.page.goto(`${t.baseUrl}/admin`);
    await a.page.click('a[href="/admin/documents"]');
    expect(a.page.url()).toBe(`${t.baseUrl}/admin/documents`);
    await a.audit();

    await a.page.click('a[href="/admin/documents/model-motion"]');
    await a.audit();
    const original = await a.page.inputValue('#field-body');
    expect(original).toContain('{{branch.name}}');

    // Preview: hostile text is shown literally, nothing runs, nothing is saved.
    await a.page.fill('#field-body', `${original}\n\n${SCRIPT} ${SVG} Preview for {{branch.name}}.\n`);
    await Promise.all([a.page.waitForNavigation(), a.page.click('button:has-text("Preview")')]);
    const preview = (await a.page.textContent('.document-preview')) ?? '';
    expect(preview).toContain(`${SCRIPT} ${SVG} Preview for Bristol Central.`);
    expect(await a.page.$$('.document-preview script, main svg, .document-preview img')).toHaveLength(0);
    expect(await a.page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await a.page.inputValue('#field-body')).toContain(SCRIPT);
    await a.audit();

    // An unknown placeholder (and {{7*7}}, which is one too): the form again, 400, the message naming it.
    await a.page.fill('#field-body', `${original}\n\n{{nope}} {{7*7}}\n`);
    const [refused] = await Promise.all([a.page.waitForNavigation(), a.page.click('button:has-text("Save as a new version")')]);
    expect(refused?.status()).toBe(400);
    const summary = (await a.page.textContent('.error-summary')) ?? '';
    expect(summary).toContain('The placeholder {{nope}} is unknown');
    expect(summary).toContain('The placeholder {{7*7}} is unknown');
    expect(await a.page.getAttribute('#field-body', 'aria-invalid')).toBe('true');
    expect(await a.page.inputValue('#field-body')).toContain('{{nope}} {{7*7}}');
    await a.audit();

    // A sample of the text being edited, without saving it.
    await a.page.fill('#field-body', `${original}\n\nSample line for {{branch.name}}.\n`);
    const [sample] = await Promise.all([a.page.waitForEvent('download'), a.page.click('button:has-text("Download a sample (Word)")')]);
    expect(sample.suggestedFilename()).toBe('Police Spies Out of Lives - model motion - sample.docx');
    expect(squash(await mammothText(readFileSync(await sample.path())))).toContain('Sample line for Bristol Central.');

    // Save, then revert.
    await Promise.all([a.page.waitForNavigation(), a.page.click('button:has-text("Save as a new version")')]);
    expect(a.page.url()).toMatch(/\/admin\/documents\/model-motion\?saved=\d+$/);
    expect(await a.page.textContent('.notice')).toMatch(/Version \d+ is saved/);
    await a.audit();

    await a.page.click('a:has-text("View") >> nth=1');
    expect(a.page.url()).toMatch(/\/admin\/documents\/model-motion\/versions\/\d+$/);
    await a.audit();
    await Promise.all([a.page.waitForNavigation(), a.page.click('button:has-text("Revert to this version")')]);
    expect(a.page.url()).toMatch(/\?reverted=\d+$/);
    expect(await a.page.inputValue('#field-body')).toBe(original);
    await a.audit();
    await a.close();
  });

  it('previews as the admin types (script from our origin), with hostile text still only text', async () => {
    const a = await b.phoneAs(admin);
    await a.page.goto(`${t.baseUrl}/admin/documents/affiliation-letter`);
    expect(await a.page.isHidden('#preview')).toBe(true);
    await a.page.fill('#field-body', `Live ${SCRIPT} ${SVG} for {{branch.name}} of {{union}}.`);
    await a.page.locator('.document-preview', { hasText: 'Live' }).waitFor();
    expect(await a.page.textContent('.document-preview')).toContain(`Live ${SCRIPT} ${SVG} for Bristol Central of Unite the Union.`);
    expect(await a.page.$$('.document-preview script, .document-preview svg')).toHaveLength(0);
    expect(await a.page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await a.page.fill('#field-body', 'Oops {{nope}}');
    await a.page.locator('[data-preview-status]', { hasText: 'Cannot preview' }).waitFor();
    expect(await a.page.textContent('[data-preview-status]')).toContain('{{nope}}');
    await a.audit();
    await a.close();
  });

  it('previews without JavaScript too', async () => {
    const { page, close } = await b.phoneAs(admin, { javaScriptEnabled: false });
    await page.goto(`${t.baseUrl}/admin/documents/model-motion`);
    await page.fill('#field-body', 'No script needed for {{branch.name}}.');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Preview")')]);
    expect(await page.textContent('.document-preview')).toContain('No script needed for Bristol Central.');
    await close();
  });

  it('a secretary is refused the editor', async () => {
    const s = await b.phoneAs(sec);
    const res = await s.page.goto(`${t.baseUrl}/admin/documents`);
    expect(res?.status()).toBe(403);
    await s.close();
  });
});
