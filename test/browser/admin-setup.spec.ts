import { TokensService } from '../../src/users/tokens.service';
import { User } from '../../src/users/user.entity';
import { totpCode } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession } from '../utils/browser-session';
import { createTestApp, TestApp } from '../utils/test-app';
import { expectRefusedForm } from '../utils/browser-form-errors';

describeInBrowser('creating the first admin in a browser', () => {
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

  it('sets up the first admin with an authenticator, shows recovery codes once, and the link stops working', async () => {
    const token = await t.app.get(TokensService).issue(t.dataSource.manager, 'admin_setup', null);
    const phone = await b.phone();
    const { page } = phone;
    await page.goto(`${t.baseUrl}/setup/admin?token=${token}`);
    await phone.audit();
    // The QR code is a data: image drawn on our side: no request leaves the origin.
    expect(await page.getAttribute('img[alt^="QR code"]', 'src')).toMatch(/^data:image\/png;base64,/);
    const secret = (await page.textContent('main code'))!.trim();

    await page.fill('#field-name', 'Ada Admin');
    await page.fill('#field-email', 'ada@example.org');
    await page.fill('#field-password', 'an admin passphrase here');
    await page.fill('#field-code', '123456');
    await page.click('button[type=submit]');
    // A wrong code keeps the same secret so the app already set up still works.
    await expectRefusedForm(page, [['#field-code', /^That code does not match/]]);
    expect((await page.textContent('main code'))!.trim()).toBe(secret);
    await phone.audit();

    await page.fill('#field-password', 'an admin passphrase here');
    await page.fill('#field-code', totpCode(secret));
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Your recovery codes")');
    expect(await page.locator('.codes li').count()).toBe(10);
    await phone.audit();

    const admin = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'ada@example.org' });
    expect(admin.role).toBe('admin');
    expect(admin.totpSecret).toBe(secret);

    const again = await page.goto(`${t.baseUrl}/setup/admin?token=${token}`);
    expect(again?.status()).toBe(404);
    await phone.close();
  });
});
