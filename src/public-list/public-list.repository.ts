import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { statusesWhere } from '../affiliations/affiliation-status';
import type { PublicListRow } from './public-list.snapshot';

/**
 * Every listed branch in one query. A branch is listed when it consents to
 * being listed and the latest of its affiliations that decides its standing
 * (by affiliation year; a renewal waiting for payment does not, so a lapsed
 * year takes the branch off the list whatever later year exists) is current.
 * The status sets come from the one description of each status.
 * The SELECT list is the allow-list of what the public surfaces may use: no
 * secretary, address, note or message column is ever read here.
 *
 * It reads the whole list at once (the snapshot is rebuilt only when the data
 * changes), walking uq_affiliations_branch_year for the latest year per branch.
 */
const LISTED_BRANCHES_SQL = `
  WITH latest AS (
    SELECT DISTINCT ON (a.branch_id) a.branch_id, a.status, a.endorses_statement, a.approved_at, a.updated_at
      FROM affiliations a
     WHERE a.status = ANY($1)
     ORDER BY a.branch_id, a.affiliation_year DESC
  ), first_approved AS (
    SELECT a.branch_id, min(a.affiliation_year) AS year
      FROM affiliations a
     WHERE a.approved_at IS NOT NULL OR a.status = ANY($2)
     GROUP BY a.branch_id
  )
  SELECT b.id AS "branchId",
         b.public_name AS "publicName",
         b."union" AS "union",
         b.union_other AS "unionOther",
         b.union_key AS "unionKey",
         b.region AS "region",
         f.year AS "since",
         l.endorses_statement AS "endorses",
         GREATEST(COALESCE(l.approved_at, l.updated_at), b.list_consent_at) AS "listedAt"
    FROM latest l
    JOIN branches b ON b.id = l.branch_id
    JOIN first_approved f ON f.branch_id = l.branch_id
   WHERE l.status = ANY($3)
     AND b.list_publicly
     AND b.list_consent_withdrawn_at IS NULL`;

@Injectable()
export class PublicListRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findListedBranches(): Promise<PublicListRow[]> {
    const rows: PublicListRow[] = await this.dataSource.query(LISTED_BRANCHES_SQL, [
      statusesWhere('decidesStanding'),
      statusesWhere('accepted'),
      statusesWhere('current'),
    ]);
    return rows.map((r) => ({ ...r, since: Number(r.since), listedAt: r.listedAt ? new Date(r.listedAt) : null }));
  }
}
