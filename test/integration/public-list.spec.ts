import { assertConfiguration } from '../../src/config';
import { loadPublicListConfig } from '../../src/config/public-list.config';
import { DOMParser } from '@xmldom/xmldom';
import { atomFeed, xmlEscape } from '../../src/public-list/atom-feed';
import { withFrameAncestors } from '../../src/public-list/frame-ancestors';
import { PublicListService } from '../../src/public-list/public-list.service';
import { buildSnapshot, filterEntries, type PublicListRow } from '../../src/public-list/public-list.snapshot';
import { LruCache, matchesIfNoneMatch } from '../../src/public-list/response-cache';
import { withAdminClient } from '../utils/database';
import { createTestApp, TestApp } from '../utils/test-app';

const row = (over: Partial<PublicListRow>): PublicListRow => ({
  branchId: '00000000-0000-4000-8000-000000000001',
  publicName: 'A Branch',
  union: 'unison',
  unionOther: null,
  unionKey: 'unison',
  region: 'london',
  since: 2024,
  endorses: true,
  listedAt: new Date('2026-03-01T10:00:00Z'),
  ...over,
});


describe('public list configuration', () => {
  it('allows nobody to frame the embed by default', () => {
    expect(loadPublicListConfig({}).embedOrigins).toEqual([]);
  });

  it('reads EMBED_ORIGINS as a list of serialised origins', () => {
    expect(loadPublicListConfig({ EMBED_ORIGINS: ' https://Campaign.Example.org ,http://localhost:8080, https://[::1]:8443' }).embedOrigins).toEqual([
      'https://campaign.example.org',
      'http://localhost:8080',
      'https://[::1]:8443',
    ]);
  });

  it.each(['*', 'https://example.org/path', "https://example.org 'unsafe-inline'", 'example.org', 'ftp://example.org', 'https://a.org;script-src *', 'https://'])(
    'refuses EMBED_ORIGINS=%s with a one-line message naming the variable',
    (value) => {
      expect(() => assertConfiguration({ EMBED_ORIGINS: value })).toThrow(/^Invalid configuration: EMBED_ORIGINS: EMBED_ORIGINS must be a comma-separated list of origins[^\n]*$/);
    },
  );

  it('bounds the safety refresh to a minute', () => {
    expect(() => assertConfiguration({ PUBLIC_LIST_REFRESH_SECONDS: '120' })).toThrow(/PUBLIC_LIST_REFRESH_SECONDS must be a whole number of seconds from 5 to 60/);
  });
});

describe('public list building blocks', () => {
  it('orders by union name, then region in the TUC order, then public name', () => {
    const s = buildSnapshot([
      row({ branchId: '1', publicName: 'Zed', unionKey: 'unite', union: 'unite', region: 'scotland' }),
      row({ branchId: '2', publicName: 'Bee', unionKey: 'unite', union: 'unite', region: 'northern' }),
      row({ branchId: '3', publicName: 'Ant', unionKey: 'unite', union: 'unite', region: 'northern' }),
      row({ branchId: '4', publicName: 'Yak', unionKey: 'gmb', union: 'gmb', region: 'wales' }),
    ]);
    expect(s.entries.map((e) => e.publicName)).toEqual(['Yak', 'Ant', 'Bee', 'Zed']);
    expect(s.unions).toEqual([
      { key: 'gmb', name: 'GMB', count: 1 },
      { key: 'unite', name: 'Unite the Union', count: 3 },
    ]);
  });

  it('gives the same data the same version, and any published change a new one', () => {
    const a = buildSnapshot([row({})]);
    expect(buildSnapshot([row({})]).version).toBe(a.version);
    expect(buildSnapshot([row({ publicName: 'Renamed' })]).version).not.toBe(a.version);
    expect(buildSnapshot([row({ since: 2025 })]).version).not.toBe(a.version);
    expect(buildSnapshot([]).version).not.toBe(a.version);
  });

  it('searches names ignoring case, accents and extra spaces', () => {
    const s = buildSnapshot([row({ publicName: 'Ynys Môn   Branch' }), row({ branchId: '2', publicName: 'Other' })]);
    expect(filterEntries(s.entries, { q: 'MON b' }).map((e) => e.publicName)).toEqual(['Ynys Môn   Branch']);
  });

  it('builds JSON items from the four public fields and the keys of two only', () => {
    const s = buildSnapshot([row({ union: 'other', unionOther: 'Bakers & Co', unionKey: 'other:bakers & co' })]);
    const page = PublicListService.apiPage(s, { key: '', page: 1, pageSize: 10 });
    expect(page).toEqual({
      items: [{ publicName: 'A Branch', union: 'Bakers & Co', unionKey: 'other:bakers & co', region: 'London', regionKey: 'london', affiliatedSince: 2024 }],
      total: 1,
      page: 1,
      pageSize: 10,
    });
  });

  it('escapes XML specials and drops characters XML cannot carry, so the feed stays well-formed', () => {
    expect(xmlEscape(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
    expect(xmlEscape('bell\u0007 nul\u0000 lone\uD800 ok\uD83D\uDE00')).toBe('bell nul lone ok\uD83D\uDE00');
    const nasty = `<script>&amp; "x" 'y' ]]> \u0001`;
    const xml = atomFeed({ baseUrl: 'https://portal.example.org', entries: buildSnapshot([row({ publicName: nasty })]).entries });
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (l, m) => errors.push(`${l} ${m}`) }).parseFromString(xml, 'application/xml');
    expect(errors).toEqual([]);
    expect(doc.getElementsByTagName('title')[1].textContent).toBe(`<script>&amp; "x" 'y' ]]>  has affiliated`);
  });

  it('replaces only frame-ancestors in a policy', () => {
    const policy = "default-src 'self';frame-ancestors 'none';object-src 'none'";
    expect(withFrameAncestors(policy, ['https://a.example', 'https://b.example'])).toBe(
      "default-src 'self';object-src 'none';frame-ancestors https://a.example https://b.example",
    );
    expect(withFrameAncestors(policy, [])).toBe("default-src 'self';object-src 'none';frame-ancestors 'none'");
  });

  it('matches If-None-Match lists, weak validators and *', () => {
    expect(matchesIfNoneMatch('"a", W/"b"', '"b"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"b"')).toBe(true);
    expect(matchesIfNoneMatch('"a"', '"b"')).toBe(false);
    expect(matchesIfNoneMatch(undefined, '"b"')).toBe(false);
  });

  it('keeps the LRU bounded, evicting the least recently used', () => {
    const lru = new LruCache<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2]);
  });
});

describe('public list listener', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_LIST_REFRESH_SECONDS: '60' } });
  });
  afterAll(() => t?.close());

  async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > ms) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('reconnects when its connection is killed, and picks up changes made meanwhile', async () => {
    const service = t.app.get(PublicListService);
    expect(service.listening).toBe(true);
    await t.http().get('/api/public/affiliates').expect(200, { items: [], total: 0, page: 1, pageSize: 50 });
    await withAdminClient(process.env.TEST_PG_ADMIN_URL!, (admin) =>
      admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'affiliation-portal-public-list'`, [
        t.db.name,
      ]),
    );
    await until(() => !service.listening);
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO branches ("union", union_key, name, normalised_name, region, membership_size, public_name, list_publicly, list_consent_at)
       VALUES ('gmb', 'gmb', 'x', 'x', 'eastern', 10, 'Made While Away', true, now()) RETURNING id`,
    );
    await t.dataSource.query(
      `INSERT INTO affiliations (branch_id, affiliation_year, status, motion_passed_on, endorses_statement, membership_size, fee_band_label, fee_pence, approved_at)
       VALUES ($1, 2026, 'approved', CURRENT_DATE, false, 10, 'x', 2500, now())`,
      [id],
    );
    await until(() => service.listening);
    await until(async () => (await t.http().get('/api/public/affiliates')).body.total === 1);
  });

  it('closes its connection when the app shuts down', async () => {
    const other = await createTestApp();
    const count = () =>
      withAdminClient(process.env.TEST_PG_ADMIN_URL!, async (admin) => {
        const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'affiliation-portal-public-list'`, [
          other.db.name,
        ]);
        return rows[0].n as number;
      });
    expect(await count()).toBe(1);
    await other.app.close();
    await until(async () => (await count()) === 0);
    await other.db.drop();
  });
});
