import { signInAdmin, signUpSecretary } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Pages kept as bytes and served to many (the home page, the public list) are
 * only ever the anonymous page: nobody's page is served to anyone else.
 */
describe('pages served from memory never carry one person’s page to another', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('serves a visitor without a session the same home page bytes, with an ETag and 304, and no session cookie', async () => {
    const first = await t.http().get('/').expect(200);
    const second = await t.http().get('/').expect(200);
    expect(second.text).toBe(first.text);
    expect(first.headers.etag).toBeDefined();
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(first.text).not.toContain('Sign out');
    await t.http().get('/').set('If-None-Match', first.headers.etag!).expect(304);
  });

  it('gives two signed-in secretaries, at the same URLs, each their own page', async () => {
    const a = await signUpSecretary(t, { email: 'cache.alice@example.org', name: 'Alice Cachetest' });
    const b = await signUpSecretary(t, { email: 'cache.bob@example.org', name: 'Bob Cachetest' });
    const anonymous = (await t.http().get('/').expect(200)).text;
    for (const path of ['/', '/account']) {
      const pageA = (await a.agent.get(path).expect(200)).text;
      const pageB = (await b.agent.get(path).expect(200)).text;
      expect(pageA).not.toBe(pageB);
      expect(pageA).toContain('Sign out');
      expect(pageA).not.toBe(anonymous);
      // Each page's sign-out form carries its own session's token, never the other's.
      expect(pageA).not.toContain(b.csrf);
      expect(pageB).not.toContain(a.csrf);
    }
    expect((await a.agent.get('/account').expect(200)).text).toContain('cache.alice@example.org');
    expect((await b.agent.get('/account').expect(200)).text).not.toContain('cache.alice@example.org');
  });

  it('shows a fee band change on the anonymous home page at once', async () => {
    const admin = await signInAdmin(t);
    const before = (await t.http().get('/').expect(200)).text;
    const bands = (await admin.agent.get('/api/admin/fee-bands').expect(200)).body.items as { id: number; label: string }[];
    await admin.agent
      .patch(`/api/admin/fee-bands/${bands[0]!.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ label: 'Small branches (cache test)' })
      .expect(200);
    const after = (await t.http().get('/').expect(200)).text;
    expect(before).not.toContain('Small branches (cache test)');
    expect(after).toContain('Small branches (cache test)');
  });
});
