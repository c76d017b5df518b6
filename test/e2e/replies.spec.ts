import { Clock } from '../../src/common/clock';
import { LetterFollowUpsService } from '../../src/replies/letter-follow-ups.service';
import { RetentionService } from '../../src/retention/retention.service';
import { PoliceAreasService } from '../../src/police-areas/police-areas.service';
import { count, queuedEmails } from '../factories/branches.factory';
import { AccountErasureService } from '../../src/privacy/account-erasure.service';
import { anonymousAgent, createUser, signInAdmin, TEST_PASSWORD, type SignedIn } from '../utils/auth';
import { createTestApp, type TestApp } from '../utils/test-app';

const MARK = 'qzxreply';
const WRITER_EMAIL = `writer.${MARK}@example.org`;
const HOSTILE = `<script>alert(1)</script> =HYPERLINK("x") ${MARK}`;

let ipCounter = 10;
const freshIp = (): string => `198.51.100.${ipCounter++}`;
const DAY_MS = 86_400_000;

describe('Replies: police areas, the questionnaire, reported replies and tallies', () => {
  let t: TestApp;
  let admin: SignedIn;

  const post = async (url: string, body: Record<string, unknown>, ip = freshIp()) => {
    const { agent, csrf } = await anonymousAgent(t);
    return agent.post(url).set('X-CSRF-Token', csrf).set('X-Forwarded-For', ip).send(body);
  };
  const reply = (body: Record<string, unknown>, ip?: string) =>
    post('/api/replies', { kind: 'mp', representativeName: 'Jo Bloggs MP', receivedOn: '2026-11-30', stance: 'supportive', ...body }, ip);
  const summary = async () => (await t.http().get('/api/public/replies/summary').expect(200)).body;
  const adminPost = (url: string) => admin.agent.post(url).set('X-CSRF-Token', admin.csrf).send({});

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY_HOPS: '1' } });
    admin = await signInAdmin(t);
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  describe('police force areas', () => {
    it('lists every UK police force area with the body that holds it to account', async () => {
      const res = await t.http().get('/api/public/police-areas').expect(200);
      const items: Array<{ key: string; name: string; accountableBody: string }> = res.body.items;
      expect(items).toHaveLength(46);
      expect((await t.http().get('/api/public/police-areas?page=2')).status).toBe(400);
      expect((await t.http().get('/api/public/replies/summary?kind=mp')).status).toBe(400);
      expect(Object.keys(items[0]!).sort()).toEqual(['accountableBody', 'key', 'name']);
      const byKey = Object.fromEntries(items.map((a) => [a.key, a.accountableBody]));
      expect(byKey.metropolitan).toMatch(/Mayor of London/);
      expect(byKey['greater-manchester']).toBe('Mayor of Greater Manchester');
      expect(byKey['west-yorkshire']).toBe('Mayor of West Yorkshire');
      expect(byKey.scotland).toBe('Scottish Police Authority');
      expect(byKey['northern-ireland']).toBe('Northern Ireland Policing Board');
      expect(byKey.essex).toBe('Essex Police, Fire and Crime Commissioner');
      expect(items.map((a) => a.name)).toEqual([...items.map((a) => a.name)].sort((a, b) => (a < b ? -1 : 1)));
      expect(await t.app.get(PoliceAreasService).findByKey('kent')).toEqual({ key: 'kent', name: 'Kent', accountableBody: 'Kent Police and Crime Commissioner', bodyKind: 'pcc' });
    });

    it('lets an admin correct an area, audited, with field errors for bad input', async () => {
      const put = (key: string, body: Record<string, unknown>) => admin.agent.put(`/api/admin/police-areas/${key}`).set('X-CSRF-Token', admin.csrf).send(body);
      const bad = await put('kent', { name: 'Surrey', accountableBody: '', bodyKind: 'sheriff' });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors).sort()).toEqual(['accountableBody', 'bodyKind']);
      expect((await put('kent', { name: 'Surrey', accountableBody: 'Someone', bodyKind: 'pcc' })).body.errors).toEqual({ name: ['Another police force area already has this name'] });
      expect((await put('atlantis', { name: 'Atlantis', accountableBody: 'Poseidon', bodyKind: 'pcc' })).status).toBe(404);
      const ok = await put('kent', { name: 'Kent', accountableBody: 'Kent Police, Fire and Crime Commissioner', bodyKind: 'pfcc' });
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ key: 'kent', name: 'Kent', accountableBody: 'Kent Police, Fire and Crime Commissioner', bodyKind: 'pfcc' });
      expect(await count(t, 'audit_events WHERE action = $1 AND subject_id = $2', ['police_area.changed', 'kent'])).toBe(1);
      const page = await admin.agent.get('/admin/police-areas').expect(200);
      expect(page.text).toContain('Kent Police, Fire and Crime Commissioner');
      // The page form: a refused value comes back with its message.
      const form = await admin.agent.post('/admin/police-areas/kent').type('form').send({ _csrf: admin.csrf, name: '', accountableBody: 'x', bodyKind: 'pcc' });
      expect(form.status).toBe(400);
      expect(form.text).toContain('Enter the name');
      expect((await t.http().put('/api/admin/police-areas/kent').send({})).status).toBeGreaterThanOrEqual(401);
    });
  });

  describe('the two-week questionnaire', () => {
    it('sends one email 14 days after the letter, counts a one-click answer, and forgets the address', async () => {
      const clock = t.app.get(Clock);
      const followUps = t.app.get(LetterFollowUpsService);
      const start = new Date('2026-12-01T10:00:00Z');
      const at = (days: number) => jest.spyOn(clock, 'now').mockReturnValue(new Date(start.getTime() + days * DAY_MS));
      at(0);
      await followUps.schedule(undefined, { kind: 'pcc', area: 'Kent', email: WRITER_EMAIL.toUpperCase() });
      await followUps.schedule(undefined, { kind: 'pcc', area: 'Kent', email: WRITER_EMAIL }); // the same address again: still one
      await followUps.schedule(undefined, { kind: 'mp', email: `other.${MARK}@example.org` });
      expect(await count(t, 'letter_follow_ups')).toBe(2);

      at(13.9);
      expect(await followUps.sendDue()).toBe(0);
      at(14);
      expect(await followUps.sendDue()).toBe(2);
      expect(await followUps.sendDue()).toBe(0);
      at(15);
      expect(await followUps.sendDue()).toBe(0);
      const emails = await queuedEmails(t, WRITER_EMAIL);
      expect(emails).toHaveLength(1);
      expect(emails[0]!.subject).toBe('Did your Police and Crime Commissioner reply to your letter?');
      expect(emails[0]!.text).toContain('(Kent)');
      expect(emails[0]!.text).toContain('or 28 days after your letter');
      const token = emails[0]!.text.match(/\/act\/did-they-reply\/unsatisfactory\?token=([A-Za-z0-9_-]{43})/)![1]!;

      // A GET shows the answer and a button; it changes nothing.
      const page = await t.http().get(`/act/did-they-reply/unsatisfactory?token=${token}`).expect(200);
      expect(page.text).toContain('They replied, but the reply was unsatisfactory');
      expect(await count(t, 'letter_follow_ups WHERE answer IS NOT NULL')).toBe(0);
      expect((await t.http().get(`/act/did-they-reply/unsatisfactory?token=${'B'.repeat(43)}`)).status).toBe(404);

      const { agent, csrf } = await anonymousAgent(t);
      const answered = await agent.post('/act/did-they-reply').type('form').send({ _csrf: csrf, token, answer: 'unsatisfactory' });
      expect(answered.status).toBe(200);
      expect(answered.text).toContain('your answer is counted');
      expect(await count(t, 'letter_follow_ups WHERE lower(email) = lower($1)', [WRITER_EMAIL])).toBe(0);
      expect((await summary()).questionnaire.byKind.pcc).toEqual({ replied: 0, unsatisfactory: 1, noReply: 0 });
      // A link answers once.
      expect((await agent.post('/act/did-they-reply').type('form').send({ _csrf: csrf, token, answer: 'replied' })).status).toBe(400);
      expect((await t.http().get(`/act/did-they-reply/replied?token=${token}`)).status).toBe(404);
      expect((await summary()).questionnaire.total).toBe(1);

      // Unanswered: the address goes four weeks after the letter, the row (no address) stays.
      const retention = t.app.get(RetentionService);
      at(27.9);
      expect(await retention.run('follow-up-addresses')).toBe(0);
      at(28.1);
      expect(await retention.run('follow-up-addresses')).toBe(1);
      expect(await count(t, 'letter_follow_ups WHERE email IS NOT NULL')).toBe(0);
      expect(await count(t, 'letter_follow_ups')).toBe(2);
    });
  });

  describe('reported replies', () => {
    it('refuses bad input field by field and honours the honeypot', async () => {
      const bad = await post('/api/replies', { kind: 'sheriff', representativeName: '', receivedOn: '2026-02-30', stance: 'angry', summary: 'x'.repeat(1001), email: 'nope' });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors)).toEqual(['kind', 'representativeName', 'receivedOn', 'stance', 'summary', 'email']);
      expect((await reply({ representativeName: 'Jo\u202EBloggs' })).body.errors.representativeName).toHaveLength(1);
      expect((await reply({ receivedOn: '2999-01-01' })).body.errors).toEqual({ receivedOn: ['The date the reply came must be today or in the past'] });
      expect((await reply({ kind: 'pcc', area: 'Atlantis' })).body.errors).toEqual({ area: ['Choose a police force area from the list'] });
      const before = await count(t, 'letter_replies');
      const { agent, csrf } = await anonymousAgent(t);
      const trapped = await agent.post('/act/replies/new').type('form').set('X-Forwarded-For', freshIp())
        .send({ _csrf: csrf, kind: 'mp', representativeName: 'Robot', receivedOn: '1/11/2026', stance: 'supportive', website: 'http://spam' });
      expect(trapped.status).toBe(200);
      expect(await count(t, 'letter_replies')).toBe(before);
    });

    it('limits replies per client address', async () => {
      const ip = freshIp();
      for (let i = 0; i < 10; i++) expect((await reply({}, ip)).status).toBe(202);
      const limited = await reply({}, ip);
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
      expect(JSON.stringify(limited.body)).toContain('from your connection');
      await t.dataSource.query('DELETE FROM letter_replies');
    });

    it('limits replies naming one email address, whatever the connection, and says which limit it is', async () => {
      for (let i = 0; i < 5; i++) expect((await reply({ email: 'often@example.org' })).status).toBe(202);
      const limited = await reply({ email: 'Often@Example.org' });
      expect(limited.status).toBe(429);
      expect(JSON.stringify(limited.body)).toContain('with this email address today');
      expect((await reply({})).status).toBe(202);
      await t.dataSource.query('DELETE FROM letter_replies');
    });

    it('is not public until published, then counted; hostile text stays literal for admins; writers never public', async () => {
      expect((await reply({ kind: 'pcc', area: 'kent', representativeName: HOSTILE, summary: HOSTILE, email: WRITER_EMAIL, stance: 'unsupportive' })).status).toBe(202);
      expect((await reply({ kind: 'mp', stance: 'noncommittal' })).status).toBe(202);
      expect((await summary()).total).toBe(0);

      const queue = await admin.agent.get('/api/admin/replies?status=pending').expect(200);
      expect(queue.body.total).toBe(2);
      const hostile = queue.body.items.find((r: { representativeName: string }) => r.representativeName === HOSTILE);
      expect(hostile).toMatchObject({ kind: 'pcc', area: 'Kent', policeAreaKey: 'kent', email: WRITER_EMAIL, status: 'pending' });
      const page = await admin.agent.get('/admin/replies?status=pending').expect(200);
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.text).not.toContain('<script>alert(1)');
      expect((await admin.agent.get('/admin').expect(200)).text).toContain('href="/admin/replies?status=pending"');

      const published = await adminPost(`/api/admin/replies/${hostile.id}/publish`);
      expect([published.status, published.body.message]).toEqual([200, undefined]);
      expect(published.body.status).toBe('published');
      expect((await adminPost(`/api/admin/replies/${hostile.id}/publish`)).status).toBe(200);
      expect(await count(t, 'audit_events WHERE action = $1 AND subject_id = $2', ['reply.publish', hostile.id])).toBe(1);
      expect((await adminPost('/api/admin/replies/00000000-0000-4000-8000-000000000000/hide')).status).toBe(404);
      expect((await t.http().get('/api/admin/replies')).status).toBeGreaterThanOrEqual(401);

      const s = await summary();
      expect(s.total).toBe(1);
      expect(s.byKind.pcc).toEqual({ supportive: 0, noncommittal: 0, unsupportive: 1 });
      expect(s.byKind.mp).toEqual({ supportive: 0, noncommittal: 0, unsupportive: 0 });
      expect(Object.keys(s.byKind).sort()).toEqual(['councillor', 'home-affairs-committee', 'home-office', 'mp', 'pcc']);
      expect(s.byPoliceArea).toEqual([{ key: 'kent', name: 'Kent', accountableBody: expect.any(String), supportive: 0, noncommittal: 0, unsupportive: 1 }]);

      const tallies = await t.http().get('/act/replies').expect(200);
      expect(tallies.text).toContain('Kent');
      for (const text of [JSON.stringify(s), tallies.text]) {
        expect(text).not.toContain(MARK);
        expect(text).not.toContain('Jo Bloggs');
      }

      // Hiding takes it out of the tallies again.
      await adminPost(`/api/admin/replies/${hostile.id}/hide`).expect(200);
      expect((await summary()).total).toBe(0);

      // The writer's address goes after RETENTION_REPLY_ADDRESS_DAYS.
      jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 91 * DAY_MS));
      expect(await t.app.get(RetentionService).run('reply-addresses')).toBe(1);
      expect(await count(t, 'letter_replies WHERE email IS NOT NULL')).toBe(0);
    });

    it('forgets a writer’s address when the account with that address is erased', async () => {
      const user = await createUser(t, { email: `erased.${MARK}@example.org` });
      await t.app.get(LetterFollowUpsService).schedule(undefined, { kind: 'councillor', email: user.email });
      expect((await reply({ email: user.email.toUpperCase() })).status).toBe(202);
      await t.app.get(AccountErasureService).erase(user, TEST_PASSWORD, { id: user.id });
      expect(await count(t, 'letter_follow_ups WHERE lower(email) = $1', [user.email])).toBe(0);
      expect(await count(t, 'letter_replies WHERE lower(email) = $1', [user.email])).toBe(0);
      expect(await count(t, 'letter_follow_ups WHERE kind = $1', ['councillor'])).toBe(1);
    });

    it('takes a reply through the form, with the police force area picker', async () => {
      const { agent, csrf } = await anonymousAgent(t);
      const form = await agent.get('/act/replies/new').expect(200);
      expect(form.text).toContain('Avon and Somerset');
      expect(form.text).toContain('deleted 90 days after you send this');
      const refused = await agent.post('/act/replies/new').type('form').set('X-Forwarded-For', freshIp()).send({ _csrf: csrf, kind: '', representativeName: '', receivedOn: 'soon', stance: '' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('There is a problem');
      expect(refused.text).toContain('Avon and Somerset');
      expect(refused.text).toContain('deleted 90 days after you send this');
      const sent = await agent.post('/act/replies/new').type('form').set('X-Forwarded-For', freshIp())
        .send({ _csrf: csrf, kind: 'pcc', representativeName: 'The Commissioner', area: '', policeArea: 'essex', receivedOn: '1/12/2026', stance: 'supportive', summary: '', email: '' });
      expect(sent.status).toBe(200);
      expect(sent.text).toContain('Thank you for telling us');
      const [row] = await t.dataSource.query(`SELECT area, police_area_key, received_on::text, email FROM letter_replies WHERE representative_name = 'The Commissioner'`);
      expect(row).toEqual({ area: 'Essex', police_area_key: 'essex', received_on: '2026-12-01', email: null });
    });
  });
});
