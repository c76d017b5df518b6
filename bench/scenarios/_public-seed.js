'use strict';

const { Client } = require('pg');

const UNIONS = ['unison', 'unite', 'gmb', 'neu', 'pcs', 'cwu', 'rmt', 'ucu', 'usdaw', 'fbu', 'nuj', 'equity', 'aslef', 'napo', 'prospect'];
const REGIONS = ['northern', 'north_west', 'yorkshire_humber', 'midlands', 'eastern', 'london', 'south_east', 'south_west', 'wales', 'scotland', 'northern_ireland'];

/**
 * `count` approved, consenting affiliates (branches named "Bench Public NNNNN",
 * affiliated from one to four years back), once: a second run finds them and
 * skips. Shared by the public-list scenarios of the 2k and 20k datasets and by
 * the snapshot-rebuild benchmark.
 */
async function seedPublicAffiliates({ databaseUrl, log }, count = 2000) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM branches WHERE name LIKE 'Bench Public %'`);
    if (rows[0].n >= count) {
      log(`public list: ${rows[0].n} bench affiliates already seeded`);
      return;
    }
    const year = new Date().getFullYear();
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO branches ("union", union_key, name, normalised_name, region, membership_size, public_name, list_publicly, list_consent_at)
       SELECT u, u, 'Bench Public ' || lpad(i::text, 5, '0'), 'bench public ' || lpad(i::text, 5, '0'), r, 100 + i % 4000,
              initcap(u) || ' ' || (ARRAY['Central', 'North', 'South', 'East', 'West', 'City', 'County', 'Health', 'Education', 'Rail'])[1 + i % 10]
                || ' Branch ' || lpad(i::text, 5, '0'),
              true, now() - (i || ' hours')::interval
         FROM generate_series(1, $1::int) AS i,
              LATERAL (SELECT ($2::text[])[1 + i % array_length($2::text[], 1)] AS u, ($3::text[])[1 + (i * 7) % array_length($3::text[], 1)] AS r) x
       ON CONFLICT DO NOTHING`,
      [count, UNIONS, REGIONS],
    );
    await client.query(
      `INSERT INTO affiliations (branch_id, affiliation_year, status, motion_passed_on, endorses_statement, membership_size,
                                 fee_band_label, fee_pence, submitted_at, approved_at)
       SELECT b.id, $1::int - (k % 4)::int, 'approved', make_date($1::int - (k % 4)::int, 1, 15), k % 3 <> 0, b.membership_size,
              'Up to 500 members', 2500, now() - (k || ' hours')::interval, now() - (k || ' hours')::interval
         FROM (SELECT id, membership_size, row_number() OVER (ORDER BY name) AS k FROM branches WHERE name LIKE 'Bench Public %') b
       ON CONFLICT DO NOTHING`,
      [year],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE branches');
    await client.query('ANALYZE affiliations');
    log(`public list: seeded ${count} approved, consenting affiliates`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Waits until the public JSON list reports at least `count` entries (the
 * seeding's NOTIFY rebuilds the list a moment later) and returns its total.
 */
async function waitForListed(baseUrl, count, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let total = null;
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/public/affiliates?pageSize=1`, { headers: { Accept: 'application/json' } });
    const body = await res.json().catch(() => ({}));
    total = typeof body.total === 'number' ? body.total : null;
    if (total !== null && total >= count) return total;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the public list shows ${total ?? 'no'} entries after seeding ${count}, not ${count}`);
}

/** A scenario's setup: seed `count` affiliates, wait until the list shows them, say how many are listed. */
function seedAndWait(count) {
  return async (ctx) => {
    await seedPublicAffiliates(ctx, count);
    const total = await waitForListed(ctx.baseUrl, count);
    ctx.log(`public list: ${total} listed`);
  };
}

module.exports = { seedPublicAffiliates, waitForListed, seedAndWait };
