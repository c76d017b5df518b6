import { signUpSecretary } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

describe('the My account page with several forms', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('shows a refused form’s messages in that form only, linked from the summary, and keeps the rest of the page', async () => {
    const me = await signUpSecretary(t, { name: 'Pat Secretary' });
    const page = await me.agent.get('/account/privacy').set('Accept', 'text/html').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];

    const res = await me.agent
      .post('/account/delete')
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: token, currentPassword: 'not my password at all', confirm: 'DELETE' });
    expect(res.status).toBe(400);
    const messages = res.text.match(/<span class="field-error" id="error-[^"]+">/g) ?? [];
    expect(messages).toEqual(['<span class="field-error" id="error-delete-currentPassword">']);
    expect(res.text).toContain('href="#field-delete-currentPassword"');
    expect(res.text).toContain('id="field-delete-currentPassword"');
    // The rest of the page is there too: how long things are kept, from the configuration.
    expect(res.text).toContain('How long we keep things');
    expect(res.text).toContain('7 days after registration');
    // Nothing was deleted.
    await me.agent.get('/api/me').expect(200);
  });

  it('keeps a refused name as typed, with its message beside the name field', async () => {
    const me = await signUpSecretary(t, { name: 'Sam Secretary' });
    const page = await me.agent.get('/account').set('Accept', 'text/html').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await me.agent.post('/account/name').type('form').set('Accept', 'text/html').send({ _csrf: token, name: 'Bad\u202Ename' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="error-name-name"');
    expect(res.text).toMatch(/id="field-name-name" name="name"[^>]*value="Bad\u202Ename"/);
    expect((await me.agent.get('/api/me').expect(200)).body.name).toBe('Sam Secretary');
  });
});
