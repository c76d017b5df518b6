import { REGION_KEYS } from '../../src/branches/regions';
import { assertConfiguration } from '../../src/config';
import { loadPublicListConfig } from '../../src/config/public-list.config';
import { DOMParser } from '@xmldom/xmldom';
import { Client } from 'pg';
import { atomFeed, xmlEscape } from '../../src/public-list/atom-feed';
import { withFrameAncestors } from '../../src/public-list/frame-ancestors';
import { PublicListService } from '../../src/public-list/public-list.service';
import { columnsOf, filterEntries, type PublicListRow, type PublicListSnapshot } from '../../src/public-list/public-list.snapshot';
import { buildSnapshot as buildFromColumns, SnapshotBuilder } from '../../src/public-list/snapshot-builder';
import { Slicer } from '../../src/public-list/slices';
import { LruCache, matchesIfNoneMatch } from '../../src/common/http/cached-response';
import { withAdminClient } from '../utils/database';
import { createTestApp, TestApp } from '../utils/test-app';
import { until } from '../utils/until';

const row = (over: Partial<PublicListRow>): PublicListRow => ({
  branchId: '00000000-0000-4000-8000-000000000001',
  publicName: 'A Branch',
  union: 'unison',
  unionOther: null,
  unionKey: 'unison',
  region: 'london',
  since: 2024,
  endorses: true,
  listedAt: Date.parse('2026-03-01T10:00:00Z'),
  ...over,
});

/** A snapshot of `rows`, as the query would answer them (one chunk). */
const buildSnapshot = (rows: PublicListRow[]) => buildFromColumns([columnsOf(rows)]);


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
  it('orders by union name, then region in the TUC order, then public name', async () => {
    const s = await buildSnapshot([
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

  it('keeps the snapshot (and its version) when a rebuild finds nothing published changed, and makes a new one for any change', async () => {
    const builder = new SnapshotBuilder();
    const rows = [row({}), row({ branchId: '2', publicName: 'B' })];
    const first = (await builder.build([columnsOf(rows)]))!;
    // The same rows in another order and other chunks (the query does not order them): the same snapshot.
    expect(await builder.build([columnsOf([rows[1]]), columnsOf([rows[0]])])).toBe(first);
    const changes: PublicListRow[][] = [
      [row({ publicName: 'Renamed' }), rows[1]],
      [row({ since: 2025 }), rows[1]],
      [row({ endorses: false }), rows[1]],
      [row({ listedAt: Date.parse('2026-04-01T10:00:00Z') }), rows[1]],
      [row({ region: 'wales' }), rows[1]],
      [rows[0]],
      [],
    ];
    const versions = new Set([first.version]);
    for (const change of changes) versions.add((await builder.build([columnsOf(change)]))!.version);
    expect(versions.size).toBe(changes.length + 1);
  });

  it('searches names ignoring case, accents and extra spaces', async () => {
    const s = await buildSnapshot([row({ publicName: 'Ynys Môn   Branch' }), row({ branchId: '2', publicName: 'Other' })]);
    expect(filterEntries(s.entries, { q: 'MON b' }).map((e) => e.publicName)).toEqual(['Ynys Môn   Branch']);
  });

  it('builds JSON items from the four public fields and the keys of two only', async () => {
    const s = await buildSnapshot([row({ union: 'other', unionOther: 'Bakers & Co', unionKey: 'other:bakers & co' })]);
    const page = PublicListService.apiPage(s, { key: '', page: 1, pageSize: 10 });
    expect(page).toEqual({
      items: [{ publicName: 'A Branch', union: 'Bakers & Co', unionKey: 'other:bakers & co', region: 'London', regionKey: 'london', affiliatedSince: 2024 }],
      total: 1,
      page: 1,
      pageSize: 10,
    });
  });

  it('gives way to the event loop while it builds a long list: a timer set before the build fires before it ends', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) =>
      row({ branchId: `id-${i}`, publicName: `Branch ${(i * 7919) % 20_000}`, unionKey: ['unison', 'gmb', 'unite'][i % 3], union: ['unison', 'gmb', 'unite'][i % 3], region: REGION_KEYS[i % 11] }),
    );
    const chunks = [];
    for (let i = 0; i < rows.length; i += 1000) chunks.push(columnsOf(rows.slice(i, i + 1000)));
    let fired = false;
    const timer = setTimeout(() => (fired = true), 0);
    const slicer = new Slicer();
    let firedBeforeEnd = false;
    const snapshot = await buildFromColumns(chunks, slicer).then((s) => ((firedBeforeEnd = fired), s));
    clearTimeout(timer);
    expect(snapshot.entries).toHaveLength(20_000);
    expect(firedBeforeEnd).toBe(true);
    expect(slicer.yields).toBeGreaterThan(0);
    // In order: union, region (the TUC's order), name with numbers by value.
    const order = snapshot.entries.map((e) => [e.unionName, REGION_KEYS.indexOf(e.regionKey), Number(e.publicName.split(' ')[1])] as const);
    const sorted = [...order].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);
    expect(order).toEqual(sorted);
  });

  it('patches the previous snapshot with the rows of the branches that changed to the same list a full build makes', async () => {
    const random = ((seed) => () => ((seed = (seed * 1664525 + 1013904223) >>> 0), seed / 2 ** 32))(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const unions = ['unison', 'gmb', 'unite', 'pcs'];
    const make = (i: number): PublicListRow =>
      row({
        branchId: `b-${i}`,
        publicName: pick(['Leeds', 'leeds', 'Léeds', 'Bristol 9', 'Bristol 10', 'Ynys Môn', 'Cardiff & Vale', 'Aberdeen']) + ` ${i % 3}`,
        ...(() => {
          const u = pick(unions);
          return { union: u, unionKey: u };
        })(),
        region: pick(REGION_KEYS),
        since: 2020 + Math.floor(random() * 6),
        endorses: random() < 0.5,
        listedAt: Date.parse('2026-01-01') + Math.floor(random() * 1e9),
      });
    let table = new Map(Array.from({ length: 300 }, (_, i) => [`b-${i}`, make(i)]));
    const builder = new SnapshotBuilder();
    let current = (await builder.build([columnsOf([...table.values()])]))!;
    const shape = (s: PublicListSnapshot) => ({
      entries: s.entries.map((e) => [e.publicName, e.unionKey, e.unionName, e.regionKey, e.since, e.endorses, e.listedAt.getTime(), e.entryId]),
      unions: s.unions,
      regions: s.regions,
      endorsers: s.endorsers.map((e) => e.entryId),
    });
    for (let step = 0; step < 40; step++) {
      const next = new Map(table);
      const changed = new Set<string>();
      for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
        const i = Math.floor(random() * 320);
        const id = `b-${i}`;
        changed.add(id);
        if (random() < 0.3) next.delete(id);
        else next.set(id, make(i));
      }
      // An id named by a notification whose branch did not change at all.
      changed.add(`b-${Math.floor(random() * 300)}`);
      table = next;
      const rows = [...table.values()].filter((r) => changed.has(r.branchId));
      const patched = (await builder.build([columnsOf(rows)], new Slicer(), changed))!;
      expect(shape(patched)).toEqual(shape(await buildSnapshot([...table.values()])));
      if (patched !== current) expect(patched.version).not.toBe(current.version);
      current = patched;
    }
  });

  it('asks for a full build when a patch brings a union the list has not seen', async () => {
    const builder = new SnapshotBuilder();
    await builder.build([columnsOf([row({})])]);
    const newcomer = row({ branchId: '9', union: 'other', unionOther: 'Bakers & Co', unionKey: 'other:bakers & co' });
    expect(await builder.build([columnsOf([newcomer])], new Slicer(), new Set(['9']))).toBeUndefined();
    expect(await new SnapshotBuilder().build([], new Slicer(), new Set(['9']))).toBeUndefined();
  });

  it('escapes XML specials and drops characters XML cannot carry, so the feed stays well-formed', async () => {
    expect(xmlEscape(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
    expect(xmlEscape('bell\u0007 nul\u0000 lone\uD800 ok\uD83D\uDE00')).toBe('bell nul lone ok\uD83D\uDE00');
    const nasty = `<script>&amp; "x" 'y' ]]> \u0001`;
    const xml = atomFeed({ baseUrl: 'https://portal.example.org', entries: (await buildSnapshot([row({ publicName: nasty })])).entries });
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

  /**
   * Runs `work` on a connection of its own, then closes it and waits for its server process to be gone. PostgreSQL
   * adds a backend's row changes to pg_stat_user_tables (what the periodic refresh compares) when the backend flushes
   * its statistics: at once if it last did so over a second ago, else up to ten seconds later — and always on exit.
   * A pooled connection could bring a change in late, long after the test below has seen the tables settle.
   */
  async function writeApart(work: (client: Client) => Promise<unknown>): Promise<void> {
    const client = new Client({ connectionString: t.db.url });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    try {
      await work(client);
    } finally {
      await client.end();
    }
    await until(async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [rows[0]!.pid]))[0].n === 0);
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
    await writeApart(async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO branches ("union", union_key, name, normalised_name, region, membership_size, public_name, list_publicly, list_consent_at)
         VALUES ('gmb', 'gmb', 'x', 'x', 'eastern', 10, 'Made While Away', true, now()) RETURNING id`,
      );
      await client.query(
        `INSERT INTO affiliations (branch_id, affiliation_year, status, motion_passed_on, endorses_statement, membership_size, fee_band_label, fee_pence, approved_at)
         VALUES ($1, 2026, 'approved', CURRENT_DATE, false, 10, 'x', 2500, now())`,
        [rows[0]!.id],
      );
    });
    await until(() => service.listening);
    await until(async () => (await t.http().get('/api/public/affiliates')).body.total === 1);
  });

  it('rebuilds on the periodic refresh only when the tables changed, a change made without a notification included', async () => {
    const service = t.app.get(PublicListService);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // Settled: a refresh finds the tables as the last full read left them (the change above was patched in, which does not count).
    await until(async () => {
      const asked = await service.refresh();
      await sleep(150);
      return !asked;
    });
    const builds = service.builds;
    expect(await service.refresh()).toBe(false);
    await sleep(150);
    expect(service.builds).toBe(builds);

    // A change the listener never hears of (triggers off for this session, as a restore or a replica would do).
    await writeApart(async (quiet) => {
      await quiet.query(`SET session_replication_role = replica`);
      await quiet.query(`UPDATE branches SET public_name = 'Renamed Quietly' WHERE public_name = 'Made While Away'`);
    });
    await sleep(150);
    expect((await t.http().get('/api/public/affiliates')).body.items.map((i: { publicName: string }) => i.publicName)).toEqual(['Made While Away']);
    await until(() => service.refresh());
    await until(async () => (await t.http().get('/api/public/affiliates')).body.items[0]?.publicName === 'Renamed Quietly');
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
