import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { statusesWhere } from './affiliation-status';

/** How many affiliated branches share one region and union. */
export interface AffiliatedBranchCount {
  region: string;
  unionKey: string;
  union: string;
  unionOther: string | null;
  count: number;
}

/**
 * Each branch's standing: the status of its latest affiliation among those
 * that decide it ($1: the `decidesStanding` statuses); a query then keeps the
 * branches whose standing is current ($2).
 */
const STANDING = `WITH standing AS (
  SELECT DISTINCT ON (a.branch_id) a.branch_id, a.status
    FROM affiliations a
   WHERE a.status = ANY($1)
   ORDER BY a.branch_id, a.affiliation_year DESC
)`;

/**
 * Counts for the admin's charts, read-only. Which affiliations count comes
 * from the one description of each status (affiliation-status.ts): a branch
 * is affiliated while the latest of its affiliations that decides its
 * standing (by year) is current; an approval counts while its affiliation is
 * still one the campaign accepted.
 */
@Injectable()
export class AffiliationStatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Affiliations approved (new, or a renewal once paid) in each UK calendar
   * month from `fromDay` up to but not including `toDay` ("YYYY-MM-DD", first
   * days of months), as "YYYY-MM" → count; months with none are absent.
   */
  async countApprovedByMonth(fromDay: string, toDay: string): Promise<Map<string, number>> {
    const rows: { month: string; n: number }[] = await this.dataSource.query(
      `SELECT to_char(a.approved_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, count(*)::int AS n
         FROM affiliations a
        WHERE a.approved_at >= ($1::date::timestamp AT TIME ZONE 'Europe/London')
          AND a.approved_at < ($2::date::timestamp AT TIME ZONE 'Europe/London')
          AND a.status = ANY($3)
        GROUP BY 1`,
      [fromDay, toDay, statusesWhere('accepted')],
    );
    return new Map(rows.map((r) => [r.month, r.n]));
  }

  /** The branches affiliated now, listed publicly or not, counted by region and union. */
  countAffiliatedBranches(): Promise<AffiliatedBranchCount[]> {
    return this.dataSource.query(
      `${STANDING}
       SELECT b.region, b.union_key AS "unionKey", min(b."union") AS "union", min(b.union_other) AS "unionOther", count(*)::int AS count
         FROM standing s
         JOIN branches b ON b.id = s.branch_id
        WHERE s.status = ANY($2)
        GROUP BY b.region, b.union_key`,
      [statusesWhere('decidesStanding'), statusesWhere('current')],
    );
  }

  /**
   * The email-update audience of affiliated branches: the secretary of each
   * branch affiliated now, once per account, if the account is active,
   * confirmed and has not turned updates off.
   */
  secretariesForUpdates(): Promise<{ ref: string; email: string; name: string }[]> {
    return this.dataSource.query(
      `${STANDING}
       SELECT DISTINCT u.id::text AS ref, u.email, u.name
         FROM standing s
         JOIN branches b ON b.id = s.branch_id
         JOIN users u ON u.id = b.secretary_id
        WHERE s.status = ANY($2)
          AND u.email_updates
          AND u.disabled_at IS NULL
          AND u.email_verified_at IS NOT NULL
        ORDER BY ref`,
      [statusesWhere('decidesStanding'), statusesWhere('current')],
    );
  }
}
