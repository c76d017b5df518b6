import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { branchSearchWhere } from '../branches/branch-search';
import { SNAPSHOT_COLUMN, SnapshotCache, type SnapshotRead } from '../database/snapshot-cache';
import { AFFILIATION_STATUSES, statusesWhere, type AffiliationStatus } from './affiliation-status';
import type { AffiliationAction } from './affiliation-transitions';
import { Affiliation } from './affiliation.entity';
import type { QueueSort } from './dto/queue-query.dto';

export interface QueueFilters {
  status?: AffiliationStatus;
  union?: string;
  region?: string;
  /** Words of the branch's or union's name (branch-search.ts). */
  q?: string;
  sort: QueueSort;
  page: number;
  pageSize: number;
}

/** A page of the queue and how many match in all. */
export interface QueuePage {
  total: number;
  items: QueueRow[];
}

/** Pages of the queue kept while nothing changes: a few admins' filters and pages. */
const QUEUE_PAGES_KEPT = 32;

export interface QueueRow {
  id: string;
  status: AffiliationStatus;
  affiliationYear: number;
  submittedAt: Date | null;
  feePence: number;
  payWhatYouCan: boolean;
  /** What the secretary wrote when asking to pay what the branch can. */
  payWhatYouCanNote: string | null;
  feeBandLabel: string;
  /** YYYY-MM-DD. */
  motionPassedOn: string;
  branchId: string;
  publicName: string;
  union: string;
  unionOther: string | null;
  region: string;
  membershipSize: number;
}

/** Enough about an affiliation to name it to an admin: its branch and year, and where it stands. */
export interface AffiliationSummary {
  id: string;
  branchId: string;
  publicName: string;
  affiliationYear: number;
  status: AffiliationStatus;
}

export interface HistoryRow {
  id: string;
  affiliationId: string;
  affiliationYear: number;
  fromStatus: AffiliationStatus | null;
  toStatus: AffiliationStatus;
  action: AffiliationAction;
  message: string | null;
  actorRole: string | null;
  actorName: string | null;
  createdAt: Date;
}

export interface SubmittedAffiliation {
  id: string;
  publicName: string;
  year: number;
  status: AffiliationStatus;
  motionPassedOn: string;
  endorsesStatement: boolean;
  membershipSize: number;
  feeBandLabel: string;
  feePence: number;
  payWhatYouCan: boolean;
  payWhatYouCanNote: string | null;
  firstSentAt: Date;
}

/**
 * ORDER BY for each allowed sort. Only these fixed strings ever reach SQL; the
 * request's value selects one and is never interpolated.
 */
const ORDER_BY: Record<QueueSort, string> = {
  submittedAt: 'a.submitted_at ASC, a.id ASC',
  '-submittedAt': 'a.submitted_at DESC, a.id DESC',
  publicName: 'b.public_name ASC, a.id ASC',
  '-publicName': 'b.public_name DESC, a.id DESC',
  union: 'b.union ASC, b.region ASC, a.id ASC',
  region: 'b.region ASC, a.id ASC',
};

/** The same orders over the page's rows as selected (`p`), to keep them in order around the page. */
const PAGE_ORDER_BY: Record<QueueSort, string> = {
  submittedAt: 'p."submittedAt" ASC, p.id ASC',
  '-submittedAt': 'p."submittedAt" DESC, p.id DESC',
  publicName: 'p."publicName" ASC, p.id ASC',
  '-publicName': 'p."publicName" DESC, p.id DESC',
  union: 'p.union ASC, p.region ASC, p.id ASC',
  region: 'p.region ASC, p.id ASC',
};

@Injectable()
export class AffiliationsRepository {
  private readonly queueCache: SnapshotCache<QueuePage>;

  constructor(@InjectRepository(Affiliation) private readonly affiliations: Repository<Affiliation>) {
    this.queueCache = new SnapshotCache(affiliations, QUEUE_PAGES_KEPT);
  }

  private repo(manager?: EntityManager): Repository<Affiliation> {
    return manager ? manager.getRepository(Affiliation) : this.affiliations;
  }

  findById(id: string, manager?: EntityManager): Promise<Affiliation | null> {
    return (manager ? manager.getRepository(Affiliation) : this.affiliations).findOne({ where: { id } });
  }

  findForBranch(branchId: string): Promise<Affiliation[]> {
    return this.affiliations.find({ where: { branchId }, order: { affiliationYear: 'DESC' } });
  }

  /** A page of the branch's affiliations, newest year first (one a year: unique), and how many it has. */
  findPageForBranch(branchId: string, page: number, pageSize: number): Promise<[Affiliation[], number]> {
    return this.affiliations.findAndCount({ where: { branchId }, order: { affiliationYear: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
  }

  findForBranchAndYear(branchId: string, year: number, manager?: EntityManager): Promise<Affiliation | null> {
    return this.repo(manager).findOne({ where: { branchId, affiliationYear: year } });
  }

  /**
   * The queue page and its total, filtered and ordered as asked; every filter is a bound parameter.
   * Read again only once something has committed since (SnapshotCache): admins page through
   * and reload the queue far more often than it changes.
   */
  findQueueForAdmin(f: QueueFilters): Promise<QueuePage> {
    return this.queueCache.read(JSON.stringify(f), () => this.readQueue(f));
  }

  private async readQueue(f: QueueFilters): Promise<SnapshotRead<QueuePage>> {
    const { where, params } = this.queueWhere(f);
    const { sql, params: pageParams } = this.queueQuerySql(f);
    // Without a branch filter the count needs no join: an index-only scan of affiliations.
    const from = f.union || f.region || f.q ? 'affiliations a JOIN branches b ON b.id = a.branch_id' : 'affiliations a';
    // Two statements (so each keeps its own plan), each saying which snapshot it read.
    const [rows, counted] = await Promise.all([
      this.affiliations.query(sql, pageParams) as Promise<(QueueRow & { snapshot: string })[]>,
      this.affiliations.query(`SELECT count(*)::int AS total, ${SNAPSHOT_COLUMN} AS snapshot FROM ${from} ${where}`, params) as Promise<
        { total: number; snapshot: string }[]
      >,
    ]);
    const { total, snapshot } = counted[0]!;
    const items = rows.filter((r) => r.id !== null).map(({ snapshot: _snapshot, ...row }) => row);
    // Kept only when both read the same data: no commit came between them.
    return { snapshot: rows[0]!.snapshot === snapshot ? snapshot : '', value: { total, items } };
  }

  /**
   * The page query's SQL and parameters, also for EXPLAIN in the tests. It always
   * gives a row, with the snapshot it read (a page past the end: that row alone, all null).
   */
  queueQuerySql(f: QueueFilters): { sql: string; params: unknown[] } {
    const { where, params } = this.queueWhere(f);
    const limit = params.length + 1;
    const page = `${QUEUE_SELECT} ${where} ORDER BY ${ORDER_BY[f.sort]} LIMIT $${limit} OFFSET $${limit + 1}`;
    return {
      sql: `SELECT ${SNAPSHOT_COLUMN} AS snapshot, p.* FROM (SELECT 1) one LEFT JOIN LATERAL (${page}) p ON true ORDER BY ${PAGE_ORDER_BY[f.sort]}`,
      params: [...params, f.pageSize, (f.page - 1) * f.pageSize],
    };
  }

  /** One row of the queue, for the page a decision is taken on; null when there is no such affiliation. */
  async findQueueRow(id: string): Promise<QueueRow | null> {
    const rows: QueueRow[] = await this.affiliations.query(`${QUEUE_SELECT} WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * The affiliation that has waited longest for an admin's decision (the
   * queue's first row when it shows those waiting, oldest first), or null.
   * Read from ix_affiliations_status_submitted_at, in its order.
   */
  async findOldestAwaitingDecision(): Promise<AffiliationSummary | null> {
    const { sql, params } = this.oldestAwaitingDecisionSql();
    const rows: AffiliationSummary[] = await this.affiliations.query(sql, params);
    return rows[0] ?? null;
  }

  /** That query's SQL and parameters, for EXPLAIN in the tests. */
  oldestAwaitingDecisionSql(): { sql: string; params: unknown[] } {
    const awaiting = statusesWhere('awaitingAdmin');
    // One status (as today) is an equality, which the index serves in its order; several would need a sort.
    const where = awaiting.length === 1 ? 'a.status = $1' : 'a.status = ANY($1)';
    return {
      sql: `SELECT a.id, a.branch_id AS "branchId", b.public_name AS "publicName", a.affiliation_year AS "affiliationYear", a.status
              FROM affiliations a JOIN branches b ON b.id = a.branch_id
             WHERE ${where}
             ORDER BY a.submitted_at ASC, a.id ASC
             LIMIT 1`,
      params: [awaiting.length === 1 ? awaiting[0] : awaiting],
    };
  }

  /** The named affiliations as they stand now, to say what became of each (unknown ids are left out). */
  findSummaries(ids: readonly string[]): Promise<AffiliationSummary[]> {
    return this.affiliations.query(
      `SELECT a.id, a.branch_id AS "branchId", b.public_name AS "publicName", a.affiliation_year AS "affiliationYear", a.status
         FROM affiliations a JOIN branches b ON b.id = a.branch_id
        WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /**
   * This year's affiliations that a renewal continues (the transition table's
   * `renew` starts from a current one), without next year's yet.
   */
  async findDueForRenewal(year: number): Promise<string[]> {
    const rows: { id: string }[] = await this.affiliations.query(
      `SELECT a.id FROM affiliations a
        WHERE a.affiliation_year = $1 AND a.status = ANY($3)
          AND NOT EXISTS (SELECT 1 FROM affiliations n WHERE n.branch_id = a.branch_id AND n.affiliation_year = $2)
        ORDER BY a.id`,
      [year, year + 1, statusesWhere('current')],
    );
    return rows.map((r) => r.id);
  }

  /** How many affiliations are in each status (every status, zero included). */
  async countByStatus(): Promise<Record<AffiliationStatus, number>> {
    const rows: { status: AffiliationStatus; n: number }[] = await this.affiliations.query(
      'SELECT status, count(*)::int AS n FROM affiliations GROUP BY status',
    );
    const counts = Object.fromEntries(AFFILIATION_STATUSES.map((s) => [s, 0])) as Record<AffiliationStatus, number>;
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  /** The affiliations this person started or sent (as secretary), with what they said: for their export. */
  submittedBy(userId: string): Promise<SubmittedAffiliation[]> {
    // A raw query's date would arrive as a Date at local midnight (so a day early east of UTC): text, as the entity gives it.
    return this.affiliations.query(
      `SELECT a.id, b.public_name AS "publicName", a.affiliation_year AS "year", a.status, to_char(a.motion_passed_on, 'YYYY-MM-DD') AS "motionPassedOn",
              a.endorses_statement AS "endorsesStatement", a.membership_size AS "membershipSize", a.fee_band_label AS "feeBandLabel",
              a.fee_pence AS "feePence", a.pay_what_you_can AS "payWhatYouCan", a.pay_what_you_can_note AS "payWhatYouCanNote",
              min(c.created_at) AS "firstSentAt"
         FROM affiliations a
         JOIN branches b ON b.id = a.branch_id
         JOIN affiliation_status_changes c ON c.affiliation_id = a.id
        WHERE c.actor_id = $1 AND c.action = ANY($2)
        GROUP BY a.id, b.public_name
        ORDER BY "firstSentAt"`,
      [userId, ['create', 'submit', 'resubmit', 'edit_facts']],
    );
  }

  historyForBranch(branchId: string): Promise<HistoryRow[]> {
    return this.affiliations.query(
      `SELECT c.id, c.affiliation_id AS "affiliationId", a.affiliation_year AS "affiliationYear",
              c.from_status AS "fromStatus", c.to_status AS "toStatus", c.action, c.message,
              c.actor_role AS "actorRole", u.name AS "actorName", c.created_at AS "createdAt"
         FROM affiliation_status_changes c
         JOIN affiliations a ON a.id = c.affiliation_id
         LEFT JOIN users u ON u.id = c.actor_id
        WHERE a.branch_id = $1
        ORDER BY c.created_at DESC, c.id DESC`,
      [branchId],
    );
  }

  private queueWhere(f: QueueFilters): { where: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (f.status) clauses.push(`a.status = $${params.push(f.status)}`);
    if (f.union) clauses.push(`b.union = $${params.push(f.union)}`);
    if (f.region) clauses.push(`b.region = $${params.push(f.region)}`);
    if (f.q) clauses.push(branchSearchWhere(f.q, 'b', params));
    return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }
}

const QUEUE_SELECT = `
  SELECT a.id, a.status, a.affiliation_year AS "affiliationYear", a.submitted_at AS "submittedAt",
         a.fee_pence AS "feePence", a.pay_what_you_can AS "payWhatYouCan", a.pay_what_you_can_note AS "payWhatYouCanNote",
         a.fee_band_label AS "feeBandLabel", to_char(a.motion_passed_on, 'YYYY-MM-DD') AS "motionPassedOn",
         b.id AS "branchId", b.public_name AS "publicName", b.union, b.union_other AS "unionOther",
         b.region, b.membership_size AS "membershipSize"
    FROM affiliations a
    JOIN branches b ON b.id = a.branch_id`;
