import { DOMParser } from '@xmldom/xmldom';
import { AffiliationWorkflow } from '../../src/affiliations/affiliation-workflow';
import { AFFILIATION_STATUSES, type AffiliationStatus } from '../../src/affiliations/affiliation-status';
import { SYSTEM_ACTOR } from '../../src/audit/audit.service';
import { REGIONS, regionName } from '../../src/branches/regions';
import { unionName } from '../../src/branches/unions';
import { PublicListService } from '../../src/public-list/public-list.service';
import type { User } from '../../src/users/user.entity';
import { makeApprovedAffiliation } from '../factories/database.factory';
import { signUpSecretary } from '../utils/auth';
import { StatementPublicService } from '../../src/statement/statement-public.service';
import { createTestApp, TestApp } from '../utils/test-app';

/** Every personal or internal value seeded carries this, and no public response may contain it. */
const MARKER = 'zqxmark';
const YEAR = new Date().getFullYear();
// Every status but a renewal waiting for payment, which only follows an approved year: it has branches of its own below.
const STATUSES = AFFILIATION_STATUSES.filter((s) => s !== 'renewal_due');
const CONSENTS = ['yes', 'never', 'withdrawn', 'flag-on-but-withdrawn'] as const;
const UNIONS = ['unison', 'unite', 'gmb', 'neu', 'pcs', 'rmt', 'other'];
const OTHER_UNION_NAME = 'Independent Rank & File <Union>';

interface SeedAffiliation {
  year: number;
  status: AffiliationStatus;
  endorses: boolean;
}
interface SeedBranch {
  i: number;
  publicName: string;
  union: string;
  region: string;
  consent: (typeof CONSENTS)[number];
  affiliations: SeedAffiliation[];
}

const pad = (i: number): string => String(i).padStart(4, '0');
const unionDisplay = (key: string): string => unionName(key, key === 'other' ? OTHER_UNION_NAME : null);

/**
 * 398 branches: the even ones approved and consenting (listed), with different
 * histories; the odd ones cycle through every other combination of status and
 * consent, plus branches with no affiliation at all. A few public names carry
 * the characters that break HTML and XML.
 */
function plan(): SeedBranch[] {
  const branches: SeedBranch[] = [];
  const hidden = STATUSES.flatMap((status) => CONSENTS.map((consent) => ({ status, consent }))).filter(
    (c) => !(c.status === 'approved' && c.consent === 'yes'),
  );
  for (let i = 0; i < 398; i++) {
    const listed = i % 2 === 0;
    const combo = listed ? { status: 'approved' as const, consent: 'yes' as const } : hidden[((i - 1) / 2) % hidden.length];
    const history = Math.floor(i / 2) % 5;
    const affiliations: SeedAffiliation[] = [];
    if (history === 1) affiliations.push({ year: YEAR - 1, status: 'approved', endorses: false });
    if (history === 2) affiliations.push({ year: YEAR - 2, status: 'approved', endorses: true }, { year: YEAR - 1, status: 'lapsed', endorses: true });
    if (history === 3) affiliations.push({ year: YEAR - 1, status: 'rejected', endorses: true });
    // history 4 on a hidden branch: no affiliation at all.
    if (!(history === 4 && !listed)) affiliations.push({ year: YEAR, status: combo.status, endorses: i % 3 !== 0 });
    let publicName = `Branch ${pad(i)} ${listed ? 'Listed' : 'Hidden'}`;
    if (i % 50 === 0) publicName += ` "Tom & Jerry's" <Staff> ]]>`;
    branches.push({ i, publicName, union: UNIONS[i % UNIONS.length], region: REGIONS[i % REGIONS.length].key, consent: combo.consent, affiliations });
  }
  // A renewal in progress: last year approved, this year's still being decided. The latest is not approved.
  branches.push({
    i: 400,
    publicName: 'Branch 0400 Hidden renewing',
    union: 'unison',
    region: 'london',
    consent: 'yes',
    affiliations: [
      { year: YEAR - 1, status: 'approved', endorses: true },
      { year: YEAR, status: 'submitted', endorses: true },
    ],
  });
  // Renewals raised ahead of the year: the year before still decides, in good standing or lapsed.
  branches.push(
    {
      i: 401,
      publicName: 'Branch 0401 Listed renewal due',
      union: 'unite',
      region: 'wales',
      consent: 'yes',
      affiliations: [
        { year: YEAR - 1, status: 'approved', endorses: true },
        { year: YEAR, status: 'renewal_due', endorses: true },
      ],
    },
    {
      i: 402,
      publicName: 'Branch 0402 Hidden renewal after a lapse',
      union: 'unite',
      region: 'wales',
      consent: 'yes',
      affiliations: [
        { year: YEAR - 1, status: 'lapsed', endorses: true },
        { year: YEAR, status: 'renewal_due', endorses: true },
      ],
    },
  );
  return branches;
}

/** Written out here rather than taken from the app: listed when it consents and its latest year (a renewal not yet paid aside) is approved. */
function isListed(b: SeedBranch): boolean {
  const deciding = b.affiliations.filter((a) => a.status !== 'renewal_due').sort((x, y) => y.year - x.year)[0];
  return b.consent === 'yes' && deciding?.status === 'approved';
}

function sinceOf(b: SeedBranch): number {
  return Math.min(...b.affiliations.filter((a) => ['approved', 'renewal_due', 'lapsed', 'suspended', 'withdrawn'].includes(a.status)).map((a) => a.year));
}

async function seed(t: TestApp, branches: SeedBranch[]): Promise<void> {
  const rows = branches.map((b) => ({
    i: b.i,
    public_name: b.publicName,
    union: b.union,
    union_other: b.union === 'other' ? OTHER_UNION_NAME : null,
    region: b.region,
    list_publicly: b.consent === 'yes' || b.consent === 'flag-on-but-withdrawn',
    consent_at: b.consent === 'never' ? null : new Date(Date.now() - 86_400_000 * (1 + (b.i % 300))).toISOString(),
    withdrawn_at: b.consent === 'withdrawn' || b.consent === 'flag-on-but-withdrawn' ? new Date().toISOString() : null,
  }));
  await t.dataSource.query(
    `INSERT INTO users (email, name, role, password_hash, email_verified_at)
     SELECT '${MARKER}-email-' || r.i || '@example.org', '${MARKER}-secretary-' || r.i, 'secretary', '${MARKER}-hash', now()
       FROM jsonb_to_recordset($1::jsonb) AS r(i int)`,
    [JSON.stringify(rows)],
  );
  await t.dataSource.query(
    `INSERT INTO branches ("union", union_other, union_key, name, normalised_name, code, normalised_code, region, membership_size,
                           public_name, list_publicly, list_consent_at, list_consent_wording, list_consent_withdrawn_at, address, secretary_id)
     SELECT r.union, r.union_other, CASE WHEN r.union = 'other' THEN 'other:' || lower(r.union_other) ELSE r.union END,
            '${MARKER}-name-' || r.i, '${MARKER}-name-' || r.i, 'ZQXMARK-code-' || r.i, 'zqxmark-code-' || r.i, r.region, 100 + r.i,
            r.public_name, r.list_publicly, r.consent_at, '${MARKER}-wording-' || r.i, r.withdrawn_at,
            '${MARKER}-address-' || r.i || E'\\n1 Secret Street', u.id
       FROM jsonb_to_recordset($1::jsonb) AS r(i int, public_name text, "union" text, union_other text, region text,
                                                list_publicly boolean, consent_at timestamptz, withdrawn_at timestamptz)
       JOIN users u ON u.email = '${MARKER}-email-' || r.i || '@example.org'`,
    [JSON.stringify(rows)],
  );
  const affiliations = branches.flatMap((b) => b.affiliations.map((a, k) => ({ i: b.i, k, ...a })));
  await t.dataSource.query(
    `INSERT INTO affiliations (branch_id, affiliation_year, status, motion_passed_on, endorses_statement, membership_size,
                               fee_band_label, fee_pence, pay_what_you_can, pay_what_you_can_note, submitted_at, approved_at, admin_message)
     SELECT b.id, a.year, a.status, make_date(a.year, 1, 15), a.endorses, b.membership_size, 'Up to 500 members', 2500,
            a.k = 0, '${MARKER}-pwyc-' || a.i, now() - interval '40 days',
            CASE WHEN a.status IN ('approved', 'lapsed', 'suspended', 'withdrawn')
                 THEN make_timestamptz(a.year, 2, 1, 12, 0, 0) + (a.i || ' minutes')::interval END,
            CASE WHEN a.status IN ('rejected', 'changes_requested', 'suspended') THEN '${MARKER}-admin-message-' || a.i END
       FROM jsonb_to_recordset($1::jsonb) AS a(i int, k int, year int, status text, endorses boolean)
       JOIN branches b ON b.name = '${MARKER}-name-' || a.i`,
    [JSON.stringify(affiliations)],
  );
  await t.dataSource.query(
    `INSERT INTO affiliation_status_changes (affiliation_id, from_status, to_status, action, actor_role, message)
     SELECT id, 'submitted', status, 'approve', 'admin', '${MARKER}-history-' || id FROM affiliations`,
  );
  await t.dataSource.query(`INSERT INTO admin_notes (branch_id, body) SELECT id, '${MARKER}-note-' || id FROM branches`);
}

const unescapeHtml = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|#x27|#39|#x3D|#x60);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'", '#x3D': '=', '#x60': '`' })[e]!);

/** The names the list page or embed shows: each entry is `<li>NAME <span class="muted">(since YEAR)</span></li>`. */
function listedOnPage(html: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const m of html.matchAll(/<li>([^<]*) <span class="muted">\(since (\d{4})\)<\/span><\/li>/g)) found.set(unescapeHtml(m[1]), Number(m[2]));
  return found;
}

/** The names shown on all the pages of a list, in order, each once. */
function listedOnPages(pages: string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const page of pages) {
    for (const [name, since] of listedOnPage(page)) {
      if (found.has(name)) throw new Error(`${name} is on two pages`);
      found.set(name, since);
    }
  }
  return found;
}

/** The pages' own links: the href of every link in the pagination. */
const pageLinks = (html: string): string[] =>
  [...(html.match(/<nav class="pagination"[\s\S]*?<\/nav>/)?.[0] ?? '').matchAll(/href="([^"]*)"/g)].map((m) => unescapeHtml(m[1]));

/** Branches per page of the list in these tests (PUBLIC_LIST_PAGE_SIZE): 200 listed make 4 pages. */
const PAGE_SIZE = 50;

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('public list of affiliated branches', () => {
  let t: TestApp;
  const branches = plan();
  const listed = branches.filter(isListed);
  const listedNames = sorted(listed.map((b) => b.publicName));
  /** Every body a public surface returned, checked for markers at the end. */
  const crawled: { url: string; body: string }[] = [];

  async function get(url: string, expectStatus = 200, reflected?: string): Promise<{ text: string; headers: Record<string, string>; body: unknown }> {
    const res = await t.http().get(url).buffer(true).parse((r, cb) => {
      let data = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (data += c));
      r.on('end', () => cb(null, data));
    });
    expect({ url, status: res.status }).toEqual({ url, status: expectStatus });
    const text = res.body as string;
    // A search box shows back what was typed; that is the visitor's own text, not data from the list.
    const scanned = reflected ? text.split(`value="${reflected}"`).join('') : text;
    crawled.push({ url, body: `${JSON.stringify(res.headers)}\n${scanned}` });
    return { text, headers: res.headers as Record<string, string>, body: res.headers['content-type']?.includes('json') ? JSON.parse(text) : undefined };
  }

  /** Every page of a list from `url` on, following the rel="next" links: their bodies, in order. */
  async function crawl(url: string, reflected?: string): Promise<string[]> {
    const pages: string[] = [];
    for (let next: string | undefined = url; next; ) {
      const { text } = await get(next, 200, reflected);
      pages.push(text);
      const link = text.match(/<a class="pagination-step" href="([^"]+)" rel="next">/);
      next = link ? unescapeHtml(link[1]) : undefined;
      if (pages.length > 20) throw new Error(`${url} has more pages than it can have`);
    }
    return pages;
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_FEED_SIZE: '200', PUBLIC_LIST_REFRESH_SECONDS: '60', PUBLIC_LIST_PAGE_SIZE: String(PAGE_SIZE) } });
    await seed(t, branches);
    // Requests are served the previous list while the seeded one is built (they never wait for a
    // rebuild), so wait here until it is in place: every test below checks the seeded list exactly.
    const deadline = Date.now() + 10_000;
    while ((await t.http().get('/api/public/affiliates')).body.total !== listed.length) {
      if (Date.now() > deadline) throw new Error('the seeded list was not served within 10 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  }, 60_000);
  afterAll(() => t?.close());

  it('seeds every state the list must leave out (sanity check of the fixture)', () => {
    expect(listed.length).toBe(200);
    expect(branches.length - listed.length).toBe(201);
    expect(listed.map((b) => b.publicName)).toContain('Branch 0401 Listed renewal due');
    expect(listed.map((b) => b.publicName)).not.toContain('Branch 0402 Hidden renewal after a lapse');
  });

  it('lists exactly the current, consenting branches on /affiliates, a page at a time, grouped by union then region, with their first year', async () => {
    const { headers } = await get('/affiliates');
    expect(headers['set-cookie']).toBeUndefined();
    const pages = await crawl('/affiliates');
    expect(pages).toHaveLength(listed.length / PAGE_SIZE);
    for (const page of pages) expect(listedOnPage(page).size).toBe(PAGE_SIZE);
    const shown = listedOnPages(pages);
    expect(sorted(shown.keys())).toEqual(listedNames);
    for (const b of listed) expect(shown.get(b.publicName)).toBe(sinceOf(b));
    expect(pages[0]).toContain(`${listed.length} branches are affiliated`);
    expect(pages[1]).toContain('Page 2 of 4: branches 51 to 100.');
    // The picture of the whole list is on its first page only.
    expect(pages.map((p) => p.includes('chart-affiliates-regions'))).toEqual([true, false, false, false]);
    // Grouped: each union's heading appears once, in alphabetical order, with its count; a page that goes on with a union says so.
    const text = pages.join('\n');
    const headings = [...text.matchAll(/<h2 id="union-\d+">([^<]*) <span class="muted">· (\d+) branch(?:es)?(, continued)?</g)]
      .filter((m) => !m[3])
      .map((m) => [unescapeHtml(m[1]), Number(m[2])]);
    // A page that begins inside a union (its last page's union) heads it "continued", and only then.
    const unionHeadings = pages.map((p) => [...p.matchAll(/<h2 id="union-\d+">([^<]*) <span class="muted">· \d+ branch(?:es)?(, continued)?</g)]);
    const continues = unionHeadings.slice(1).map((h, k) => [h[0][1] === unionHeadings[k].at(-1)![1], Boolean(h[0][2])]);
    for (const [sameUnion, saysContinued] of continues) expect(saysContinued).toBe(sameUnion);
    expect(continues.some(([sameUnion]) => sameUnion)).toBe(true);
    const expected = [...new Set(listed.map((b) => unionDisplay(b.union)))]
      .sort(new Intl.Collator('en-GB', { sensitivity: 'base' }).compare)
      .map((name) => [name, listed.filter((b) => unionDisplay(b.union) === name).length]);
    expect(headings).toEqual(expected);
    expect(text).toMatch(/<link rel="alternate" type="application\/atom\+xml" href="\/affiliates\/feed.atom"/);
  });

  it('filters by union, by region and by search words, without JavaScript (GET form)', async () => {
    const { text } = await get('/affiliates');
    expect(text).toMatch(/<form method="get" action="\/affiliates"/);
    for (const union of UNIONS) {
      const key = union === 'other' ? `other:${OTHER_UNION_NAME.toLowerCase()}` : union;
      const page = await get(`/affiliates?union=${encodeURIComponent(key)}&region=&q=`);
      expect(sorted(listedOnPage(page.text).keys())).toEqual(sorted(listed.filter((b) => b.union === union).map((b) => b.publicName)));
    }
    for (const region of REGIONS) {
      const page = await get(`/affiliates?region=${region.key}`);
      expect(sorted(listedOnPage(page.text).keys())).toEqual(sorted(listed.filter((b) => b.region === region.key).map((b) => b.publicName)));
    }
    const search = await get('/affiliates?q=%20branch%20%2000%20&fbclid=tracking');
    expect(sorted(listedOnPage(search.text).keys())).toEqual(listedNames.filter((n) => n.toLowerCase().includes('branch 00')));
    const tom = await get(`/affiliates?q=${encodeURIComponent("TOM & JERRY'S")}`);
    expect(sorted(listedOnPage(tom.text).keys())).toEqual(listedNames.filter((n) => n.includes('Tom & Jerry')));
    expect(tom.text).toContain('value="TOM &amp; JERRY&#x27;S"');
    const none = await get('/affiliates?q=Hidden');
    expect(listedOnPage(none.text).size).toBe(0);
    expect(none.text).toContain('No listed branch matches');
    await get('/affiliates?region=atlantis', 400);
  });

  it('shows the statement with exactly the current, consenting branches that endorsed it, a page at a time', async () => {
    const pages = await crawl('/statement');
    expect(pages[0]).toContain('Where we stand');
    const names = pages.flatMap((text) =>
      [...text.matchAll(/<li><strong>[^<]*<\/strong> \(\d+ branch(?:es)?(?:, continued)?\):\s*([^<]*)<\/li>/g)].flatMap((m) =>
        unescapeHtml(m[1]).split('; ').map((n) => n.trim()),
      ),
    );
    const endorsing = listed.filter((b) => b.affiliations.find((a) => a.year === YEAR)!.endorses).map((b) => b.publicName);
    expect(endorsing.length).toBeGreaterThan(PAGE_SIZE);
    expect(pages).toHaveLength(Math.ceil(endorsing.length / PAGE_SIZE));
    expect(names).toHaveLength(endorsing.length);
    expect(sorted(names)).toEqual(sorted(endorsing));
  });

  it('serves the embed with the same list, its own minimal layout and no site navigation', async () => {
    const { text, headers } = await get('/embed/affiliates');
    expect(sorted(listedOnPages(await crawl('/embed/affiliates')).keys())).toEqual(listedNames);
    expect(pageLinks(text)).toContain('/embed/affiliates?page=2');
    expect(text).not.toContain('site-header');
    // No site navigation: the only links between pages are the list's own.
    expect(text.match(/<nav[^>]*>/g)).toEqual(['<nav class="pagination" aria-label="Pages of the list">']);
    expect(text).toContain('/static/css/site.css');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    const unite = await get('/embed/affiliates?union=unite');
    expect(sorted(listedOnPage(unite.text).keys())).toEqual(sorted(listed.filter((b) => b.union === 'unite').map((b) => b.publicName)));
  });

  it('links the pages of a filtered list with its filters kept, and works without JavaScript (plain links)', async () => {
    const first = await get('/affiliates?q=%20Listed&fbclid=tracking');
    expect(unescapeHtml(first.text)).toContain('href="/affiliates?q=Listed&page=2" rel="next"');
    expect(first.text).not.toContain('rel="prev"');
    const pages = await crawl('/affiliates?q=Listed');
    expect(pages).toHaveLength(4);
    expect(sorted(listedOnPages(pages).keys())).toEqual(listedNames);
    for (const page of pages) {
      const links = pageLinks(page);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(link).toMatch(/^\/affiliates\?q=Listed(&page=[2-4])?$/);
      expect(page).toContain('aria-current="page"');
    }
    expect(unescapeHtml(pages[3])).toContain('href="/affiliates?q=Listed&page=3" rel="prev"');
    const wales = await crawl('/affiliates?union=unite&region=wales');
    expect(sorted(listedOnPages(wales).keys())).toEqual(sorted(listed.filter((b) => b.union === 'unite' && b.region === 'wales').map((b) => b.publicName)));
  });

  it('answers a page past the end of the list with 404, a link to the last page and the filters kept', async () => {
    const beyond = await get('/affiliates?q=Listed&page=9', 404);
    expect(beyond.text).toContain('There is no page 9: the list has 4 pages now.');
    expect(unescapeHtml(beyond.text)).toContain('href="/affiliates?q=Listed&page=4"');
    expect(listedOnPage(beyond.text).size).toBe(0);
    await get('/statement?page=99', 404);
    await get('/embed/affiliates?page=99', 404);
    await get('/affiliates?page=0', 400);
    await get('/affiliates?page=two', 400);
    await t.http().get('/affiliates?page=9').set('If-None-Match', '*').expect(404);
  });

  it('publishes a well-formed Atom feed of the newest listed branches, escaping every special character', async () => {
    const { text, headers } = await get('/affiliates/feed.atom');
    expect(headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(text, 'application/xml');
    expect(errors).toEqual([]);
    const entries = Array.from(doc.getElementsByTagName('entry'));
    const titles = entries.map((e) => e.getElementsByTagName('title')[0].textContent!.replace(/ has affiliated$/, ''));
    expect(sorted(titles)).toEqual(listedNames);
    expect(titles).toContain(`Branch 0000 Listed "Tom & Jerry's" <Staff> ]]>`);
    // Newest first by approval time.
    const updated = entries.map((e) => e.getElementsByTagName('updated')[0].textContent!);
    expect([...updated].sort().reverse()).toEqual(updated);
    expect(new Set(entries.map((e) => e.getElementsByTagName('id')[0].textContent)).size).toBe(entries.length);
  });

  it('answers JSON with exactly { items: [{ publicName, union, unionKey, region, regionKey, affiliatedSince }], total, page, pageSize }, page by page', async () => {
    const items: Record<string, unknown>[] = [];
    for (let page = 1; page <= 3; page++) {
      const { body, headers } = await get(`/api/public/affiliates?page=${page}&pageSize=90`);
      const b = body as { total: number; page: number; pageSize: number; items: Record<string, unknown>[] };
      expect(Object.keys(b).sort()).toEqual(['items', 'page', 'pageSize', 'total']);
      expect({ total: b.total, page: b.page, pageSize: b.pageSize }).toEqual({ total: 200, page, pageSize: 90 });
      expect(b.items.length).toBe(page < 3 ? 90 : 20);
      expect(headers['access-control-allow-origin']).toBe('*');
      expect(headers['access-control-allow-credentials']).toBeUndefined();
      items.push(...b.items);
    }
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['affiliatedSince', 'publicName', 'region', 'regionKey', 'union', 'unionKey']);
    const expected = listed.map((b) => ({
      publicName: b.publicName,
      union: unionDisplay(b.union),
      unionKey: b.union === 'other' ? `other:${OTHER_UNION_NAME.toLowerCase()}` : b.union,
      region: regionName(b.region),
      regionKey: b.region,
      affiliatedSince: sinceOf(b),
    }));
    const byName = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.publicName).localeCompare(String(b.publicName));
    expect([...items].sort(byName)).toEqual([...expected].sort(byName));
    const defaults = await get('/api/public/affiliates');
    expect(defaults.body).toMatchObject({ total: 200, page: 1, pageSize: 50 });
    expect((defaults.body as { items: unknown[] }).items).toEqual(items.slice(0, 50));
    const filtered = await get('/api/public/affiliates?union=gmb&region=london&q=branch');
    expect(sorted((filtered.body as { items: { publicName: string }[] }).items.map((i) => i.publicName))).toEqual(
      sorted(listed.filter((b) => b.union === 'gmb' && b.region === 'london').map((b) => b.publicName)),
    );
    const beyond = await get('/api/public/affiliates?page=50');
    expect(beyond.body).toEqual({ items: [], total: listed.length, page: 50, pageSize: 50 });
  });

  it('gives each item the keys that filter the list to it, an unlisted union’s included', async () => {
    const { body } = await get('/api/public/affiliates?pageSize=100');
    const items = (body as { items: { publicName: string; unionKey: string; regionKey: string }[] }).items;
    const other = items.find((i) => i.unionKey.startsWith('other:'))!;
    expect(other).toBeDefined();
    for (const item of [items[0], other]) {
      const narrowed = await get(`/api/public/affiliates?union=${encodeURIComponent(item.unionKey)}&region=${item.regionKey}&pageSize=100`);
      const names = (narrowed.body as { items: { publicName: string }[] }).items.map((i) => i.publicName);
      expect(names).toContain(item.publicName);
      const seed = branches.find((b) => b.publicName === item.publicName)!;
      expect(sorted(names)).toEqual(sorted(listed.filter((b) => b.union === seed.union && b.region === seed.region).map((b) => b.publicName)));
    }
  });

  it('refuses bad filters and pages with 400 and a message per field', async () => {
    const { body } = await get('/api/public/affiliates?page=0&pageSize=1000&region=atlantis&union=nope&sort=name', 400);
    const errors = (body as { errors: Record<string, string[]> }).errors;
    expect(Object.keys(errors).sort()).toEqual(['page', 'pageSize', 'region', 'sort', 'union']);
    expect(errors.pageSize).toEqual(['pageSize must be at most 100']);
    await get('/api/public/affiliates?page=abc', 400);
    await get('/api/public/affiliates?pageSize=1.5', 400);
    await get(`/api/public/affiliates?q=${'x'.repeat(101)}`, 400);
    await get('/api/public/affiliates?union=unison&union=gmb', 400);
  });

  it('is readable from other origins with GET and HEAD only', async () => {
    const head = await t.http().head('/api/public/affiliates').expect(200);
    expect(head.headers['access-control-allow-origin']).toBe('*');
    const ok = await t.http().options('/api/public/affiliates').set('Origin', 'https://elsewhere.example').set('Access-Control-Request-Method', 'GET').expect(204);
    expect(ok.headers['access-control-allow-methods']).toBe('GET, HEAD');
    const refused = await t.http().options('/api/public/affiliates').set('Origin', 'https://elsewhere.example').set('Access-Control-Request-Method', 'DELETE');
    expect(refused.status).toBe(405);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([
    '/affiliates',
    '/affiliates?union=unite',
    '/affiliates?page=2',
    '/affiliates?q=Listed&page=3',
    '/statement',
    '/statement?page=2',
    '/embed/affiliates',
    '/embed/affiliates?page=4',
    '/affiliates/feed.atom',
    '/api/public/affiliates?page=2',
  ])(
    '%s carries an ETag and Cache-Control, answers 304 to If-None-Match and sets no cookie',
    async (url) => {
      const first = await t.http().get(url).expect(200);
      expect(first.headers['cache-control']).toBe('public, max-age=30');
      expect(first.headers.etag).toMatch(/^"[\w-]{27}"$/);
      expect(first.headers['set-cookie']).toBeUndefined();
      const again = await t.http().get(url).set('If-None-Match', `W/"other", ${first.headers.etag as string}`).expect(304);
      expect(again.text ?? '').toBe('');
      expect(again.headers.etag).toBe(first.headers.etag);
      await t.http().get(url).set('If-None-Match', '"stale"').expect(200);
    },
  );

  it('serves a precompressed copy to clients that accept gzip, with its own ETag', async () => {
    const gz = await t.http().get('/affiliates').set('Accept-Encoding', 'gzip').expect(200);
    const plain = await t.http().get('/affiliates').set('Accept-Encoding', 'identity').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
    expect(gz.text).toBe(plain.text);
    expect(Number(gz.headers['content-length'])).toBeLessThan(Number(plain.headers['content-length']) / 4);
    await t.http().get('/affiliates').set('Accept-Encoding', 'gzip;q=0').set('If-None-Match', plain.headers.etag as string).expect(304);
  });

  it('shows a signed-in visitor their own header, never shared with others', async () => {
    const secretary = await signUpSecretary(t, { name: `${MARKER}-signed-in` });
    const mine = await secretary.agent.get('/affiliates').expect(200);
    expect(mine.headers['cache-control']).toBe('private, no-cache');
    expect(mine.text).toContain('Sign out');
    const anonymous = await get('/affiliates');
    expect(anonymous.text).not.toContain('Sign out');
    expect([...listedOnPage(mine.text).keys()]).toEqual([...listedOnPage(anonymous.text).keys()]);
    const second = await secretary.agent.get('/affiliates?page=2').expect(200);
    expect([...listedOnPage(second.text).keys()]).toEqual([...listedOnPage((await get('/affiliates?page=2')).text).keys()]);
    await secretary.agent.get('/affiliates?page=9').expect(404);
  });

  it('never shows a marker from any personal or internal field on any public surface', async () => {
    // Signatures of the statement (issue 17): a listed one whose email, message and link are private, an
    // unlisted one (name and town private), a published message from an unlisted signer, and an unconfirmed one.
    await t.dataSource.query(
      `INSERT INTO statement_signatures (name, email, town, organisation, show_name, message, message_public, message_status, message_published_at, confirmed_at) VALUES
         ('Listed Supporter', '${MARKER}-sig-1@example.org', 'Leeds', NULL, true, '${MARKER}-pending-message', true, 'pending', NULL, now()),
         ('${MARKER}-unlisted-name', '${MARKER}-sig-2@example.org', '${MARKER}-unlisted-town', '${MARKER}-unlisted-group', false, '${MARKER}-hidden-message', true, 'hidden', NULL, now()),
         ('${MARKER}-anonymous-author', '${MARKER}-sig-3@example.org', NULL, NULL, false, 'A published message', true, 'published', now(), now()),
         ('Private Author', '${MARKER}-sig-4@example.org', NULL, NULL, true, '${MARKER}-private-message', false, 'pending', NULL, now()),
         ('${MARKER}-unconfirmed', '${MARKER}-sig-5@example.org', '${MARKER}-town', NULL, true, '${MARKER}-unconfirmed-message', true, 'published', now(), NULL)`,
    );
    await t.app.get(StatementPublicService).refresh();
    expect((await get('/api/public/signatures')).body).toMatchObject({ total: 4, listed: 2 });
    expect(((await get('/api/public/messages')).body as { items: unknown[] }).items).toEqual([expect.objectContaining({ name: null, message: 'A published message' })]);
    expect((await get('/statement')).text).toContain('Listed Supporter, Leeds');
    await get('/statement/supporters.atom');
    // Replies to letters (issue 18): published and pending, with the writer's address, the representative's
    // name and the summary private; and answered and unanswered questionnaires. Only counts are public.
    await t.dataSource.query(
      `INSERT INTO letter_replies (kind, representative_name, area, police_area_key, received_on, stance, summary, email, status, published_at) VALUES
         ('pcc', '${MARKER}-pcc-name', 'Kent', 'kent', '2026-11-01', 'supportive', '${MARKER}-summary-1', '${MARKER}-reply-1@example.org', 'published', now()),
         ('mp', '${MARKER}-mp-name', '${MARKER}-constituency', NULL, '2026-11-02', 'noncommittal', '${MARKER}-summary-2', '${MARKER}-reply-2@example.org', 'published', now()),
         ('councillor', '${MARKER}-pending-name', '${MARKER}-ward', NULL, '2026-11-03', 'unsupportive', '${MARKER}-summary-3', '${MARKER}-reply-3@example.org', 'pending', NULL)`,
    );
    await t.dataSource.query(
      `INSERT INTO letter_follow_ups (kind, area, email, written_at, due_at, sent_at, answer, answered_at) VALUES
         ('mp', '${MARKER}-follow-area', '${MARKER}-follow-1@example.org', now(), now(), NULL, NULL, NULL),
         ('pcc', 'Kent', NULL, now(), now(), now(), 'replied', now())`,
    );
    const replies = (await get('/api/public/replies/summary')).body as { total: number; byPoliceArea: unknown[] };
    expect(replies.total).toBe(2);
    expect(replies.byPoliceArea).toHaveLength(1);
    expect((await get('/act/replies')).text).toContain('Kent');
    await get('/act/replies/new');
    await get('/api/public/police-areas');
    await get('/');
    // Search looks at public names only, never at the private fields.
    expect(listedOnPage((await get(`/affiliates?q=${MARKER}`, 200, MARKER)).text).size).toBe(0);
    expect(listedOnPage((await get('/affiliates?q=secret%20street', 200, 'secret street')).text).size).toBe(0);
    expect((await get(`/api/public/affiliates?q=${MARKER}`)).body).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
    await get('/api/public/affiliates?pageSize=100&page=2');
    expect(crawled.length).toBeGreaterThan(40);
    const leaks = crawled.filter((c) => c.body.toLowerCase().includes(MARKER)).map((c) => c.url);
    expect(leaks).toEqual([]);
    // The secretary's email domain and the address line are not there either.
    expect(crawled.filter((c) => c.body.includes('Secret Street')).map((c) => c.url)).toEqual([]);
  });
});

describe('public list after a change', () => {
  let t: TestApp;

  beforeAll(async () => {
    // A refresh period far longer than the test's wait: only the NOTIFY path can explain an update.
    t = await createTestApp({ env: { PUBLIC_LIST_REFRESH_SECONDS: '60' } });
  });
  afterAll(() => t?.close());

  /** Polls a public surface until `check` holds (the NOTIFY arrives asynchronously), for at most 5 s. */
  async function eventually(check: () => Promise<boolean>): Promise<number> {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > 5_000) throw new Error('the public list did not change within 5 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    return Date.now() - started;
  }

  async function onEverySurface(name: string): Promise<boolean[]> {
    const page = await t.http().get('/affiliates');
    const embed = await t.http().get('/embed/affiliates');
    const statement = await t.http().get('/statement');
    const feed = await t.http().get('/affiliates/feed.atom');
    const json = await t.http().get('/api/public/affiliates?pageSize=100');
    const escaped = name.replace(/'/g, '&#x27;');
    return [
      page.text.includes(escaped),
      embed.text.includes(escaped),
      statement.text.includes(escaped),
      feed.text.includes(name.replace(/'/g, '&apos;')),
      (json.body as { items: { publicName: string }[] }).items.some((i) => i.publicName === name),
    ];
  }

  /** A branch listed under `name`, consenting and approved this year (of `secretary`, or of a new one). */
  async function listedBranch(name: string, secretary?: User): Promise<{ branchId: string; affiliationId: string }> {
    const { affiliation } = await makeApprovedAffiliation(t, {
      secretary,
      branch: { union: 'unison', name, publicName: name, region: 'wales', membershipSize: 300, listPublicly: true },
    });
    return { branchId: affiliation.branchId, affiliationId: affiliation.id };
  }

  it('listens for changes', () => {
    expect(t.app.get(PublicListService).listening).toBe(true);
  });

  it('drops a branch from every surface as soon as its secretary withdraws consent', async () => {
    const secretary = await signUpSecretary(t);
    const { branchId } = await listedBranch("Consenting Branch O'Brien", secretary.user);
    await eventually(async () => (await onEverySurface("Consenting Branch O'Brien")).every(Boolean));

    await secretary.agent.patch(`/api/branches/${branchId}`).set('X-CSRF-Token', secretary.csrf).send({ listPublicly: false }).expect(200);
    const waited = await eventually(async () => (await onEverySurface("Consenting Branch O'Brien")).every((shown) => !shown));
    expect(waited).toBeLessThan(5_000);
  });

  it('drops a branch from every surface when its affiliation lapses, and shows it again when paid', async () => {
    const { affiliationId } = await listedBranch('Lapsing Branch');
    await eventually(async () => (await onEverySurface('Lapsing Branch')).every(Boolean));
    const workflow = t.app.get(AffiliationWorkflow);

    await workflow.transition({ affiliationId, action: 'lapse', actor: SYSTEM_ACTOR, by: 'system' });
    await eventually(async () => (await onEverySurface('Lapsing Branch')).every((shown) => !shown));

    await workflow.transition({ affiliationId, action: 'mark_paid', actor: SYSTEM_ACTOR, by: 'system' });
    await eventually(async () => (await onEverySurface('Lapsing Branch')).every(Boolean));
  });

  it('changes the ETag when the list changes, so a revalidating client gets the new list', async () => {
    const before = await t.http().get('/api/public/affiliates').expect(200);
    await listedBranch('Brand New Branch');
    await eventually(async () => {
      const res = await t.http().get('/api/public/affiliates').set('If-None-Match', before.headers.etag as string);
      return res.status === 200 && (res.body as { items: { publicName: string }[] }).items.some((i) => i.publicName === 'Brand New Branch');
    });
  });
});

describe('embedding the public list in another site', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { EMBED_ORIGINS: 'https://Campaign.example.org, http://localhost:8080,' } });
  });
  afterAll(() => t?.close());

  it('lets only the configured origins frame /embed/affiliates, keeping the rest of the policy', async () => {
    const global = (await t.http().get('/affiliates').expect(200)).headers['content-security-policy'] as string;
    const res = await t.http().get('/embed/affiliates').expect(200);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain('frame-ancestors https://campaign.example.org http://localhost:8080');
    expect(csp.match(/frame-ancestors/g)).toHaveLength(1);
    expect(res.headers['x-frame-options']).toBeUndefined();
    // Everything but frame-ancestors is the global policy, unchanged.
    const rest = (p: string) => p.split(';').filter((d) => !d.startsWith('frame-ancestors')).sort();
    expect(rest(csp)).toEqual(rest(global));
    // A cached answer (and a 304) carries the same headers.
    const again = await t.http().get('/embed/affiliates').expect(200);
    expect(again.headers['content-security-policy']).toBe(csp);
    const revalidated = await t.http().get('/embed/affiliates').set('If-None-Match', res.headers.etag as string).expect(304);
    expect(revalidated.headers['content-security-policy']).toBe(csp);
  });

  it.each(['/', '/affiliates', '/statement', '/api/public/affiliates', '/affiliates/feed.atom', '/login'])(
    "keeps frame-ancestors 'none' and X-Frame-Options on %s",
    async (url) => {
      const res = await t.http().get(url);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
    },
  );
});
