import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { statusesWhere } from '../affiliations/affiliation-status';
import type { PublicListColumns } from './public-list.snapshot';
import { Slicer } from './slices';

/** Rows per chunk of the answer: one JSON text each, parsed in well under a millisecond. */
const CHUNK_ROWS = 1000;

/**
 * Every listed branch in one query. A branch is listed when it consents to
 * being listed and the latest of its affiliations that decides its standing
 * (by affiliation year; a renewal waiting for payment does not, so a lapsed
 * year takes the branch off the list whatever later year exists) is current:
 * a current affiliation with no later one that decides. The status sets come
 * from the one description of each status.
 * The SELECT list is the allow-list of what the public surfaces may use: no
 * secretary, address, note or message column is ever read here.
 *
 * Written for a list of tens of thousands (issue 16): hash joins and one anti-
 * join over whole tables, and the answer as a few rows of JSON, one per chunk
 * of CHUNK_ROWS branches, each column an array. Decoding 20,000 rows of nine
 * typed columns in the driver cost the event loop about as much as the query
 * cost the database, in bursts of tens of milliseconds; a JSON text per chunk
 * arrives as one string and is parsed between slices of other work.
 * Given branch ids, the same query for those branches only (by their keys).
 */
const listedBranchesSql = (only: 'all' | 'ids'): string => `
  WITH first_approved AS (
    SELECT a.branch_id, min(a.affiliation_year) AS year
      FROM affiliations a
     WHERE (a.approved_at IS NOT NULL OR a.status = ANY($2))${only === 'ids' ? ' AND a.branch_id = ANY($4::uuid[])' : ''}
     GROUP BY a.branch_id
  ), listed AS (
    SELECT b.id, b.public_name, b."union", b.union_other, b.union_key, b.region, f.year, l.endorses_statement,
           floor(extract(epoch FROM GREATEST(COALESCE(l.approved_at, l.updated_at), b.list_consent_at)) * 1000)::float8 AS listed_at,
           (row_number() OVER ()) / ${CHUNK_ROWS} AS chunk
      FROM branches b
      JOIN affiliations l ON l.branch_id = b.id AND l.status = ANY($3)
      JOIN first_approved f ON f.branch_id = b.id
     WHERE b.list_publicly
       AND b.list_consent_withdrawn_at IS NULL${only === 'ids' ? ' AND b.id = ANY($4::uuid[])' : ''}
       AND NOT EXISTS (SELECT 1 FROM affiliations n
                        WHERE n.branch_id = l.branch_id AND n.affiliation_year > l.affiliation_year AND n.status = ANY($1))
  )
  SELECT json_build_array(array_agg(id), array_agg(public_name), array_agg("union"), array_agg(union_other), array_agg(union_key),
                          array_agg(region), array_agg(year), array_agg(endorses_statement), array_agg(listed_at))::text AS columns
    FROM listed
   GROUP BY chunk`;

const LISTED_BRANCHES_SQL = listedBranchesSql('all');
const LISTED_BY_ID_SQL = listedBranchesSql('ids');

type Columns = [string[], string[], string[], (string | null)[], string[], string[], number[], boolean[], (number | null)[]];

/**
 * Changes to the tables the list is read from, as PostgreSQL's cumulative
 * statistics count them (rows inserted, updated and deleted, and the file a
 * TRUNCATE replaces). Costs a catalogue lookup, not a scan. A transaction is
 * counted only after it has ended, so a list read after seeing a count
 * includes every change counted in it; one counted later changes the count.
 * Null when statistics are off: the caller must then assume a change.
 */
const CHANGES_SQL = `
  SELECT CASE WHEN current_setting('track_counts')::boolean THEN
           string_agg(concat_ws(':', s.relid::regclass::text, pg_relation_filenode(s.relid), s.n_tup_ins, s.n_tup_upd, s.n_tup_del), ' ' ORDER BY s.relid)
         END AS fingerprint
    FROM pg_stat_user_tables s
   WHERE s.relid IN ('branches'::regclass, 'affiliations'::regclass)`;

@Injectable()
export class PublicListRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The listed branches in chunks (in no particular order), decoded between
   * slices of `slicer`; with `branchIds`, only those of them that are listed.
   */
  async findListedBranches(slicer = new Slicer(), branchIds?: readonly string[]): Promise<PublicListColumns[]> {
    if (branchIds && !branchIds.length) return [];
    // A current affiliation with no later deciding one is the latest deciding one only if current statuses decide.
    const deciding = statusesWhere('decidesStanding');
    const current = statusesWhere('current').filter((s) => deciding.includes(s));
    const parameters: unknown[] = [deciding, statusesWhere('accepted'), current];
    if (branchIds) parameters.push(branchIds);
    const answer: { columns: string }[] = await this.dataSource.query(branchIds ? LISTED_BY_ID_SQL : LISTED_BRANCHES_SQL, parameters);
    const chunks: PublicListColumns[] = [];
    for (const { columns } of answer) {
      await slicer.maybeYield();
      const [branchId, publicName, union, unionOther, unionKey, region, since, endorses, listedAt] = JSON.parse(columns) as Columns;
      chunks.push({ branchId, publicName, union, unionOther, unionKey, region, since, endorses, listedAt });
    }
    return chunks;
  }

  /** A value that changes whenever branches or affiliations may have changed, or null when that cannot be known. */
  async changeFingerprint(): Promise<string | null> {
    const [row]: { fingerprint: string | null }[] = await this.dataSource.query(CHANGES_SQL);
    return row?.fingerprint ?? null;
  }
}
