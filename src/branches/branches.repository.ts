import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { BranchClaim } from './branch-claim.entity';
import { BranchSecretaryChange } from './branch-secretary-change.entity';
import { branchSearchWhere } from './branch-search';
import { Branch } from './branch.entity';

/** A branch as the admins' list of branches shows it. */
export interface AdminBranchRow {
  id: string;
  publicName: string;
  union: string;
  unionOther: string | null;
  region: string;
  membershipSize: number;
  listPublicly: boolean;
  registeredAt: Date;
}

/** The admin dashboard shows at most this many pending takeover requests (the API pages through all of them). */
export const PENDING_CLAIMS_SHOWN = 200;

/** Named queries on branches. Every read a secretary makes goes through `...OwnedBy`. */
@Injectable()
export class BranchesRepository {
  constructor(@InjectRepository(Branch) private readonly branches: Repository<Branch>) {}

  private repo(manager?: EntityManager): Repository<Branch> {
    return manager ? manager.getRepository(Branch) : this.branches;
  }

  findOwnedBy(secretaryId: string, id: string, manager?: EntityManager): Promise<Branch | null> {
    return this.repo(manager).findOne({ where: { id, secretaryId } });
  }

  /** The same, locked until the transaction ends, for a change that must not interleave with another. */
  lockOwnedBy(manager: EntityManager, secretaryId: string, id: string): Promise<Branch | null> {
    return manager.getRepository(Branch).findOne({ where: { id, secretaryId }, lock: { mode: 'pessimistic_write' } });
  }

  lockById(manager: EntityManager, id: string): Promise<Branch | null> {
    return manager.getRepository(Branch).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findById(id: string, manager?: EntityManager): Promise<Branch | null> {
    return this.repo(manager).findOne({ where: { id } });
  }

  findAllOwnedBy(secretaryId: string): Promise<Branch[]> {
    return this.branches.find({ where: { secretaryId }, order: { createdAt: 'ASC' } });
  }

  /** The branch a new registration would duplicate: same union and normalised name, or same code. */
  async findDuplicate(
    unionKey: string,
    normalisedName: string,
    normalisedCode: string | null,
    manager?: EntityManager,
    exceptId?: string,
  ): Promise<{ branch: Branch; by: 'name' | 'code' } | null> {
    const qb = this.repo(manager)
      .createQueryBuilder('b')
      .where('b.union_key = :unionKey', { unionKey })
      .andWhere(normalisedCode ? '(b.normalised_name = :name OR b.normalised_code = :code)' : 'b.normalised_name = :name', {
        name: normalisedName,
        code: normalisedCode,
      });
    if (exceptId) qb.andWhere('b.id <> :exceptId', { exceptId });
    const found = await qb.limit(1).getOne();
    if (!found) return null;
    return { branch: found, by: found.normalisedName === normalisedName ? 'name' : 'code' };
  }

  /** A page of every branch by public name, searched by branch or union name (`q`), and how many match. */
  async findPageForAdmin(q: string | undefined, page: number, pageSize: number): Promise<{ items: AdminBranchRow[]; total: number }> {
    const { sql, params } = this.adminPageSql(q, page, pageSize);
    const { where, params: countParams } = this.adminWhere(q);
    const [items, counted] = await Promise.all([
      this.branches.query(sql, params) as Promise<AdminBranchRow[]>,
      this.branches.query(`SELECT count(*)::int AS total FROM branches b ${where}`, countParams) as Promise<{ total: number }[]>,
    ]);
    return { items, total: counted[0].total };
  }

  /** That page's SQL and parameters, for EXPLAIN in the tests. */
  adminPageSql(q: string | undefined, page: number, pageSize: number): { sql: string; params: unknown[] } {
    const { where, params } = this.adminWhere(q);
    const limit = params.push(pageSize);
    const offset = params.push((page - 1) * pageSize);
    return {
      sql: `SELECT b.id, b.public_name AS "publicName", b.union, b.union_other AS "unionOther", b.region,
                   b.membership_size AS "membershipSize", b.list_publicly AS "listPublicly", b.created_at AS "registeredAt"
              FROM branches b ${where}
             ORDER BY b.public_name ASC, b.id ASC
             LIMIT $${limit} OFFSET $${offset}`,
      params,
    };
  }

  private adminWhere(q: string | undefined): { where: string; params: unknown[] } {
    const params: unknown[] = [];
    return { where: q ? `WHERE ${branchSearchWhere(q, 'b', params)}` : '', params };
  }

  secretaryHistory(branchId: string): Promise<(BranchSecretaryChange & { toEmail: string | null; toName: string | null })[]> {
    return this.branches.manager
      .createQueryBuilder(BranchSecretaryChange, 'c')
      .leftJoin('users', 'u', 'u.id = c.to_user_id')
      .select([
        'c.id AS "id"',
        'c.reason AS "reason"',
        'c.created_at AS "createdAt"',
        'c.from_user_id AS "fromUserId"',
        'c.to_user_id AS "toUserId"',
        'u.email AS "toEmail"',
        'u.name AS "toName"',
      ])
      .where('c.branch_id = :branchId', { branchId })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getRawMany();
  }

  /** Pending takeover requests, oldest first: the dashboard's first ones, or a page of them. */
  findPendingClaimsForAdmin(
    limit = PENDING_CLAIMS_SHOWN,
    offset = 0,
  ): Promise<{ id: string; createdAt: Date; message: string | null; branchId: string; publicName: string; requesterName: string; requesterEmail: string }[]> {
    return this.branches.manager
      .createQueryBuilder(BranchClaim, 'c')
      .innerJoin('branches', 'b', 'b.id = c.branch_id')
      .innerJoin('users', 'u', 'u.id = c.requester_id')
      .select([
        'c.id AS "id"',
        'c.created_at AS "createdAt"',
        'c.message AS "message"',
        'b.id AS "branchId"',
        'b.public_name AS "publicName"',
        'u.name AS "requesterName"',
        'u.email AS "requesterEmail"',
      ])
      .where(`c.status = 'pending'`)
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit)
      .offset(offset)
      .getRawMany();
  }

  countPendingClaims(): Promise<number> {
    return this.branches.manager.createQueryBuilder(BranchClaim, 'c').where(`c.status = 'pending'`).getCount();
  }

  /** A page of a secretary's branches, oldest first, and how many they have. */
  findPageOwnedBy(secretaryId: string, page: number, pageSize: number): Promise<[Branch[], number]> {
    return this.branches.findAndCount({ where: { secretaryId }, order: { createdAt: 'ASC', id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
  }
}
