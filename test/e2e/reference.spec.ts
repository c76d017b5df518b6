import { REGIONS } from '../../src/branches/regions';
import { OTHER_UNION, UNION_KEYS, UNIONS } from '../../src/branches/unions';
import { createTestApp, TestApp } from '../utils/test-app';

describe('reference lists: the union and region keys the API accepts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('lists every union key the API accepts, with its name, on one page, to anyone', async () => {
    const res = await t.http().get('/api/reference/unions').expect(200);
    expect(res.body).toEqual({
      items: [...UNIONS.map((u) => ({ key: u.key, name: u.name })), { key: OTHER_UNION, name: 'Other union' }],
      total: UNION_KEYS.length,
      page: 1,
      pageSize: UNION_KEYS.length,
    });
    expect(res.body.items.map((u: { key: string }) => u.key).sort()).toEqual([...UNION_KEYS].sort());
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('lists the TUC regions and nations in their order', async () => {
    const res = await t.http().get('/api/reference/regions').expect(200);
    expect(res.body).toEqual({ items: REGIONS.map((r) => ({ key: r.key, name: r.name })), total: 11, page: 1, pageSize: 11 });
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('pages like every other list, and refuses bad page values with 400', async () => {
    const second = await t.http().get('/api/reference/regions?page=2&pageSize=4').expect(200);
    expect(second.body).toEqual({ items: REGIONS.slice(4, 8).map((r) => ({ key: r.key, name: r.name })), total: 11, page: 2, pageSize: 4 });
    const bad = await t.http().get('/api/reference/unions?pageSize=1000&page=0&extra=1').expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['extra', 'page', 'pageSize']);
  });
});
