import type { StatementSnapshot } from './statement-public.service';
import { signatureLocals } from './statement-page.locals';
import { parseSignaturesQuery, signaturesPage } from './statement-public.views';
import { supportersFeed } from './supporters-feed';

const at = new Date('2026-12-07T10:00:00Z');
const row = (name: string, organisation: string | null = null) => ({ id: `id-${name}`, name, town: 'Leeds', organisation, confirmedAt: at });

function snapshot(total: number, listed: ReturnType<typeof row>[]): StatementSnapshot {
  return { version: 'v', total, listed, people: listed.filter((s) => !s.organisation), groups: listed.filter((s) => !!s.organisation), messages: [] };
}

describe('the statement’s public side', () => {
  it('shows only a count where a list would name nobody', () => {
    const locals = signatureLocals(snapshot(3, []), 1, 10);
    expect(locals).toMatchObject({ signedTotal: 3, unlistedCount: 3, supporters: [], groupSupporters: [], supportersPagination: undefined });
  });

  it('pages listed people and keeps groups apart', () => {
    const people = Array.from({ length: 12 }, (_, i) => row(`P${i}`));
    const locals = signatureLocals(snapshot(20, [...people, row('G', 'Trades Council')]), 2, 10);
    expect((locals.supporters as unknown[]).length).toBe(2);
    expect(locals.groupSupporters).toEqual([{ organisation: 'Trades Council', name: 'G', town: 'Leeds' }]);
    expect(signatureLocals(snapshot(1, [row('A')]), 5, 10).missingSupportersPage).toBeDefined();
  });

  it('puts only the four public fields in the API, with the UK date', () => {
    const page = signaturesPage(snapshot(5, [{ ...row('A'), email: 'a@example.org' } as never]), 1, 10);
    expect(page).toEqual({ total: 5, listed: 1, page: 1, pageSize: 10, items: [{ name: 'A', town: 'Leeds', organisation: null, signedOn: '2026-12-07' }] });
  });

  it('refuses unknown parameters and pages out of range', () => {
    expect(parseSignaturesQuery({})).toBe(1);
    expect(parseSignaturesQuery({ page: '3' })).toBe(3);
    expect(() => parseSignaturesQuery({ page: '0' })).toThrow();
    expect(() => parseSignaturesQuery({ pgae: '2' })).toThrow();
  });

  it('escapes what signers typed in the feed', () => {
    const feed = supportersFeed('https://example.org', [row('<b>Bo</b> & "co"', 'A<script>')]);
    expect(feed).toContain('&lt;b&gt;Bo&lt;/b&gt; &amp; &quot;co&quot;');
    expect(feed).not.toContain('<script>');
    // The signature's id is the reference email updates use: it is never published.
    expect(feed).not.toContain('signature/id-');
    expect(feed).toMatch(/<id>tag:example\.org,2026:signature\/[A-Za-z0-9_-]{22}<\/id>/);
  });
});
