'use strict';

const { Client } = require('pg');

const AFFILIATES = 2000;
const UNIONS = ['unison', 'unite', 'gmb', 'neu', 'pcs', 'cwu', 'rmt', 'ucu', 'usdaw', 'fbu', 'nuj', 'equity', 'aslef', 'napo', 'prospect'];
const REGIONS = ['northern', 'north_west', 'yorkshire_humber', 'midlands', 'eastern', 'london', 'south_east', 'south_west', 'wales', 'scotland', 'northern_ireland'];

/**
 * 2,000 approved, consenting affiliates (branches named "Bench Public NNNNN"),
 * once: a second run finds them and skips. Shared with public-affiliates-json.js.
 */
async function seedPublicAffiliates({ databaseUrl, log }) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM branches WHERE name LIKE 'Bench Public %'`);
    if (rows[0].n >= AFFILIATES) {
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
      [AFFILIATES, UNIONS, REGIONS],
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
    log(`public list: seeded ${AFFILIATES} approved, consenting affiliates`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * The public list page with 2,000 affiliates (more when other scenarios' seeds
 * share the database): served from bytes rendered and gzipped once per version
 * of the list (rebuilt only on NOTIFY or refresh). Asks for gzip as browsers do.
 */
module.exports = {
  name: 'public-affiliates-page',
  path: '/affiliates',
  headers: { 'Accept-Encoding': 'gzip' },
  target: { rpsRatio: 0.7, p99Ms: 50 },
  setup: seedPublicAffiliates,
  seedPublicAffiliates,
};
