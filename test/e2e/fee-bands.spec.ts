import { FeeBandsService } from '../../src/fees/fee-bands.service';
import { count } from '../factories/branches.factory';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

interface Band {
  id: number;
  label: string;
  minMembers: number;
  maxMembers: number | null;
  amountPence: number;
  forRegionalBodies: boolean;
}

/** Admins change where fee bands start, add and remove them; the bands always cover every size from 1 up. */
describe('fee bands: ranges admins can change', () => {
  let t: TestApp;
  let admin: SignedIn;
  let sec: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAdmin(t);
    sec = await signUpSecretary(t);
  });
  afterAll(async () => t?.close());

  const bands = async (): Promise<Band[]> => (await admin.agent.get('/api/admin/fee-bands').expect(200)).body.items;
  const ranges = async () => (await bands()).map((b) => [b.minMembers, b.maxMembers]);
  const patch = (id: number | string, body: object) => admin.agent.patch(`/api/admin/fee-bands/${id}`).set('X-CSRF-Token', admin.csrf).send(body);
  const quote = (membershipSize: number, regionalBody = false) => t.app.get(FeeBandsService).quote({ membershipSize, regionalBody });

  it('starts from the seeded bands, which cover every size', async () => {
    expect(await ranges()).toEqual([
      [1, 500],
      [501, 2000],
      [2001, 5000],
      [5001, null],
    ]);
  });

  it('answers the list as one page, and each band at its own address; an id that cannot be a band is 404', async () => {
    const list = (await admin.agent.get('/api/admin/fee-bands').expect(200)).body;
    expect(list).toMatchObject({ total: 4, page: 1, pageSize: 100 });
    expect(list.items).toHaveLength(4);
    const paged = (await admin.agent.get('/api/admin/fee-bands?page=2&pageSize=3').expect(200)).body;
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 3, items: [list.items[3]] });
    expect((await admin.agent.get(`/api/admin/fee-bands/${list.items[1].id}`).expect(200)).body).toEqual(list.items[1]);
    for (const id of ['99999999999', '2147483648', '0', '-1', '1.5', 'abc']) {
      await admin.agent.get(`/api/admin/fee-bands/${id}`).expect(404);
      await patch(id, { amountPence: 1 }).expect(404);
      await admin.agent.get(`/admin/fees/bands/${id}`).set('Accept', 'text/html').expect(404);
    }
    expect(await ranges()).toEqual([
      [1, 500],
      [501, 2000],
      [2001, 5000],
      [5001, null],
    ]);
  });

  it('moves the end of the band below when a band’s start moves, and quotes by the new ranges', async () => {
    const second = (await bands())[1]!;
    expect((await quote(450)).feePence).toBe(2500);
    const res = await patch(second.id, { minMembers: 401 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ minMembers: 401, maxMembers: 2000 });
    expect(await ranges()).toEqual([
      [1, 400],
      [401, 2000],
      [2001, 5000],
      [5001, null],
    ]);
    expect((await quote(450)).feePence).toBe(5000);
    expect(await count(t, `audit_events WHERE action = 'fee_band.changed' AND subject_id = $1`, [String(second.id)])).toBe(1);
    await patch(second.id, { minMembers: 501 }).expect(200);
  });

  it('adds a band between two others and removes it again', async () => {
    const created = await admin.agent
      .post('/api/admin/fee-bands')
      .set('X-CSRF-Token', admin.csrf)
      .send({ label: '10,001 members or more', minMembers: 10001, amountPence: 50000 });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/admin/fee-bands/${created.body.id}`);
    expect((await admin.agent.get(created.headers.location).expect(200)).body).toMatchObject({ label: '10,001 members or more', minMembers: 10001, maxMembers: null, amountPence: 50000 });
    expect(await ranges()).toEqual([
      [1, 500],
      [501, 2000],
      [2001, 5000],
      [5001, 10000],
      [10001, null],
    ]);
    expect((await quote(20000)).feePence).toBe(50000);
    // Regional and national bodies still pay the band marked for them.
    expect((await quote(20000, true)).feePence).toBe(25000);

    await admin.agent.delete(`/api/admin/fee-bands/${created.body.id}`).set('X-CSRF-Token', admin.csrf).expect(204);
    expect(await ranges()).toEqual([
      [1, 500],
      [501, 2000],
      [2001, 5000],
      [5001, null],
    ]);
    expect(await count(t, `audit_events WHERE action IN ('fee_band.added', 'fee_band.removed') AND subject_id = $1`, [String(created.body.id)])).toBe(2);
  });

  it('refuses changes that would leave a size without a band, or two bands starting together, and stores nothing', async () => {
    const [first, second] = await bands();
    const audits = await count(t, `audit_events WHERE action LIKE 'fee_band.%'`);

    const lowest = await patch(first!.id, { minMembers: 5 });
    expect(lowest.status).toBe(400);
    expect(lowest.body.errors.minMembers[0]).toMatch(/lowest band must start at 1/);

    const clash = await patch(second!.id, { minMembers: 2001 });
    expect(clash.status).toBe(400);
    expect(clash.body.errors.minMembers[0]).toMatch(/already starts at that number/);

    const zero = await patch(second!.id, { minMembers: 0 });
    expect(zero.status).toBe(400);
    expect(Object.keys(zero.body.errors)).toEqual(['minMembers']);

    expect(await ranges()).toEqual([
      [1, 500],
      [501, 2000],
      [2001, 5000],
      [5001, null],
    ]);
    expect(await count(t, `audit_events WHERE action LIKE 'fee_band.%'`)).toBe(audits);
  });

  it('marks one band at most for regional and national bodies', async () => {
    const all = await bands();
    expect(all.filter((b) => b.forRegionalBodies)).toHaveLength(1);
    const third = all[2]!;
    await patch(third.id, { forRegionalBodies: true }).expect(200);
    const after = await bands();
    expect(after.filter((b) => b.forRegionalBodies).map((b) => b.id)).toEqual([third.id]);
    expect((await quote(10, true)).feePence).toBe(third.amountPence);
    await patch(all.find((b) => b.forRegionalBodies)!.id, { forRegionalBodies: true }).expect(200);
  });

  it('gives the lowest band’s members to the band above when the lowest is removed', async () => {
    const [first] = await bands();
    await admin.agent.delete(`/api/admin/fee-bands/${first!.id}`).set('X-CSRF-Token', admin.csrf).expect(204);
    expect(await ranges()).toEqual([
      [1, 2000],
      [2001, 5000],
      [5001, null],
    ]);
    expect((await quote(10)).feePence).toBe(5000);
  });

  it('is for admins only', async () => {
    const [band] = await bands();
    await sec.agent.patch(`/api/admin/fee-bands/${band!.id}`).set('X-CSRF-Token', sec.csrf).send({ minMembers: 1 }).expect(403);
    await sec.agent.post('/api/admin/fee-bands').set('X-CSRF-Token', sec.csrf).send({ label: 'x', minMembers: 9, amountPence: 1 }).expect(403);
    await sec.agent.delete(`/api/admin/fee-bands/${band!.id}`).set('X-CSRF-Token', sec.csrf).expect(403);
  });
});
