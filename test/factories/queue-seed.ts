import type { DataSource } from 'typeorm';
import { REGION_KEYS } from '../../src/branches/regions';

const UNION_SAMPLE = ['unison', 'unite', 'gmb', 'neu', 'pcs', 'cwu', 'rmt', 'ucu', 'usdaw', 'fbu', 'nuj', 'equity'];

/**
 * `n` branches with this year's affiliation each (and last year's for most),
 * spread like a real queue: most approved, about one in ten waiting for review.
 * Plain SQL, so it is fast enough for thousands of rows (also used by the benchmark).
 */
export async function seedQueue(ds: Pick<DataSource, 'query'>, n: number, year = new Date().getFullYear()): Promise<void> {
  await ds.query(
    `INSERT INTO branches ("union", union_key, name, normalised_name, region, membership_size, public_name, list_publicly)
     SELECT u, u, 'Seed Branch ' || i, 'seed branch ' || i, r, 50 + (i * 37) % 9000, initcap(u) || ' Seed Branch ' || lpad(i::text, 6, '0'), i % 3 <> 0
       FROM generate_series(1, $1::int) AS i,
            LATERAL (SELECT ($2::text[])[1 + i % array_length($2::text[], 1)] AS u, ($3::text[])[1 + (i * 7) % array_length($3::text[], 1)] AS r) x`,
    [n, UNION_SAMPLE, REGION_KEYS],
  );
  await ds.query(
    `INSERT INTO affiliations (branch_id, affiliation_year, status, motion_passed_on, endorses_statement, membership_size, fee_band_label, fee_pence, submitted_at, approved_at)
     SELECT b.id, $1::int, s.status, DATE '2026-01-15', true, b.membership_size, 'Up to 500 members', 2500,
            now() - (random() * interval '300 days'), CASE WHEN s.status = 'approved' THEN now() END
       FROM (SELECT id, membership_size, row_number() OVER () AS k FROM branches WHERE name LIKE 'Seed Branch %') b,
            LATERAL (SELECT CASE WHEN b.k % 10 = 0 THEN 'submitted' WHEN b.k % 25 = 1 THEN 'changes_requested'
                                 WHEN b.k % 31 = 2 THEN 'lapsed' WHEN b.k % 47 = 3 THEN 'rejected' ELSE 'approved' END AS status) s`,
    [year],
  );
  await ds.query(
    `INSERT INTO affiliations (branch_id, affiliation_year, status, motion_passed_on, endorses_statement, membership_size, fee_band_label, fee_pence, submitted_at, approved_at)
     SELECT id, $1::int, CASE WHEN random() < 0.9 THEN 'approved' ELSE 'lapsed' END, DATE '2025-01-15', true, membership_size, 'Up to 500 members', 2500,
            now() - interval '400 days' + (random() * interval '60 days'), now() - interval '390 days'
       FROM branches WHERE name LIKE 'Seed Branch %' AND random() < 0.8`,
    [year - 1],
  );
}
