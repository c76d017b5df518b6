import { User } from '../../src/users/user.entity';
import { anonymousAgent, createUser, signInAdmin, signUpSecretary, TEST_PASSWORD, totpCode, type SignedIn } from '../utils/auth';
import { answerProblems, servedDocument, type OpenApiDocument } from '../utils/openapi-shape';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * The auth, account, people and health routes answer what the OpenAPI
 * document says they answer: each body has exactly the documented fields, of
 * the documented types, for the status it came with.
 */
describe('auth, account and people: answers match the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    doc = await servedDocument(t);
    admin = await signInAdmin(t, { name: 'Aaron Admin' });
  });
  afterAll(() => t?.close());

  it('gives a CSRF token, signs a secretary in with user and csrfToken, and reads /api/me', async () => {
    const user = await createUser(t);
    const { agent, csrf } = await anonymousAgent(t);
    const token = await agent.get('/api/csrf').expect(200);
    expect(answerProblems(doc, 'get', '/api/csrf', token)).toEqual([]);

    const wrong = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: user.email, password: 'not the password at all' }).expect(401);
    expect(answerProblems(doc, 'post', '/api/auth/login', wrong)).toEqual([]);

    const login = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    expect(login.body).toEqual({ mfaRequired: false, user: { id: user.id, email: user.email, name: user.name, role: 'secretary', emailVerified: true }, csrfToken: expect.any(String) });
    expect(answerProblems(doc, 'post', '/api/auth/login', login)).toEqual([]);

    const me = await agent.get('/api/me').expect(200);
    expect(answerProblems(doc, 'get', '/api/me', me)).toEqual([]);
    const renamed = await agent.patch('/api/me').set('X-CSRF-Token', login.body.csrfToken).send({ name: 'Renamed Person' }).expect(200);
    expect(renamed.body.name).toBe('Renamed Person');
    expect(answerProblems(doc, 'patch', '/api/me', renamed)).toEqual([]);
  });

  it("answers an admin's password with mfaRequired, then signs in with the second factor", async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ';
    const user = await createUser(t, { role: 'admin', totpSecret: secret });
    const { agent, csrf } = await anonymousAgent(t);
    const first = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    expect(answerProblems(doc, 'post', '/api/auth/login', first)).toEqual([]);
    expect(first.body).toEqual({ mfaRequired: true, csrfToken: expect.any(String) });

    const mfa = await agent.post('/api/auth/mfa').set('X-CSRF-Token', first.body.csrfToken).send({ code: totpCode(secret) }).expect(200);
    expect(mfa.body).toEqual({ mfaRequired: false, user: expect.objectContaining({ id: user.id, role: 'admin' }), csrfToken: expect.any(String) });
    expect(answerProblems(doc, 'post', '/api/auth/mfa', mfa)).toEqual([]);
  });

  it('answers 202 with a message for registration, a reset request and an invitation', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const registered = await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email: 'contract.new@example.org', password: 'a long enough passphrase', name: 'Cora New' }).expect(202);
    expect(answerProblems(doc, 'post', '/api/auth/register', registered)).toEqual([]);
    const reset = await agent.post('/api/auth/password-reset/request').set('X-CSRF-Token', csrf).send({ email: 'nobody.here@example.org' }).expect(202);
    expect(answerProblems(doc, 'post', '/api/auth/password-reset/request', reset)).toEqual([]);
    const invited = await admin.agent.post('/api/admin/invitations').set('X-CSRF-Token', admin.csrf).send({ email: 'contract.admin@example.org', name: 'Cal Admin' }).expect(202);
    expect(answerProblems(doc, 'post', '/api/admin/invitations', invited)).toEqual([]);
    const again = await admin.agent.post('/api/admin/invitations').set('X-CSRF-Token', admin.csrf).send({ email: 'contract.new@example.org', name: 'Cora New' }).expect(409);
    expect(answerProblems(doc, 'post', '/api/admin/invitations', again)).toEqual([]);
  });

  it('lists people a page at a time, admins first, in the one list shape', async () => {
    for (const name of ['Bea One', 'Cy Two', 'Di Three']) await createUser(t, { name });
    const total = await t.dataSource.getRepository(User).count();
    const first = await admin.agent.get('/api/admin/users?pageSize=2').expect(200);
    expect(answerProblems(doc, 'get', '/api/admin/users', first)).toEqual([]);
    expect(first.body).toMatchObject({ total, page: 1, pageSize: 2 });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toEqual({ id: admin.user.id, name: 'Aaron Admin', email: admin.user.email, role: 'admin', disabled: false, secondFactor: true });

    const pages = [first.body.items];
    for (let page = 2; page <= Math.ceil(total / 2); page++) pages.push((await admin.agent.get(`/api/admin/users?page=${page}&pageSize=2`).expect(200)).body.items);
    const ids = pages.flat().map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(total);
    const roles = pages.flat().map((u: { role: string }) => u.role);
    expect(roles).toEqual([...roles].sort());

    const whole = await admin.agent.get('/api/admin/users').expect(200);
    expect(whole.body).toMatchObject({ total, page: 1, pageSize: 50 });
    expect(whole.body.items).toHaveLength(total);
    for (const bad of ['page=0', 'pageSize=101', 'pageSize=two']) await admin.agent.get(`/api/admin/users?${bad}`).expect(400);
  });

  it('makes recovery codes at a Location that says how many are left', async () => {
    const before = await admin.agent.get('/api/me/recovery-codes').expect(200);
    expect(answerProblems(doc, 'get', '/api/me/recovery-codes', before)).toEqual([]);
    expect(before.body).toEqual({ secondFactorEnabled: true, unused: 0 });

    const made = await admin.agent.post('/api/me/recovery-codes').set('X-CSRF-Token', admin.csrf).send({ currentPassword: TEST_PASSWORD }).expect(201);
    expect(answerProblems(doc, 'post', '/api/me/recovery-codes', made)).toEqual([]);
    expect(made.headers.location).toBe('/api/me/recovery-codes');
    const after = await admin.agent.get(made.headers.location).expect(200);
    expect(after.body).toEqual({ secondFactorEnabled: true, unused: 10 });

    const secretary = await signUpSecretary(t);
    expect((await secretary.agent.get('/api/me/recovery-codes').expect(200)).body).toEqual({ secondFactorEnabled: false, unused: 0 });
    const refused = await secretary.agent.post('/api/me/recovery-codes').set('X-CSRF-Token', secretary.csrf).send({ currentPassword: TEST_PASSWORD }).expect(409);
    expect(answerProblems(doc, 'post', '/api/me/recovery-codes', refused)).toEqual([]);
  });

  it('answers the health checks as documented, and a refused query string with the error shape', async () => {
    const ready = await t.http().get('/health').expect(200);
    expect(answerProblems(doc, 'get', '/health', ready)).toEqual([]);
    const live = await t.http().get('/health/live').expect(200);
    expect(answerProblems(doc, 'get', '/health/live', live)).toEqual([]);
    for (const path of ['/health', '/health/live', '/api/csrf']) {
      const refused = await t.http().get(`${path}?__proto__=x`).expect(400);
      expect(answerProblems(doc, 'get', path, refused)).toEqual([]);
    }
  });
});
