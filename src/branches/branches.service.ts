import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import type { Page } from '../common/openapi/page.dto';
import { Clock } from '../common/clock';
import { uniqueViolation } from '../common/errors/unique-violation';
import type { User } from '../users/user.entity';
import { BranchClaim } from './branch-claim.entity';
import { BRANCH_FACTS_LISTENER, type BranchFactsListener } from './branch-hooks';
import { BranchSecretaryChange } from './branch-secretary-change.entity';
import { Branch } from './branch.entity';
import { BranchProbesService } from './branch-probes.service';
import { AlreadySecretaryError, BranchExistsError, BranchNotFoundError } from './branches.errors';
import { BranchesRepository, type AdminBranchRow } from './branches.repository';
import { LIST_CONSENT_WORDING } from './consent';
import type { CreateBranchClaimDto } from './dto/branch-claim.dto';
import type { CreateBranchDto } from './dto/create-branch.dto';
import type { UpdateBranchDto } from './dto/update-branch.dto';
import { normaliseBranchCode, normaliseBranchName, unionKeyOf } from './normalise';
import { OTHER_UNION, unionName } from './unions';

/** Unique indexes whose violation means "this branch already exists". */
const DUPLICATE_CONSTRAINTS: Record<string, 'name' | 'code'> = {
  uq_branches_union_normalised_name: 'name',
  uq_branches_union_normalised_code: 'code',
};

const FACT_LABELS: Record<string, string> = {
  union: 'the union',
  name: 'the branch name',
  membershipSize: 'the membership',
  regionalBody: 'regional or national body',
};

/** The fields the duplicate guard compares. */
const IDENTITY_FIELDS = ['union', 'unionOther', 'name', 'code'] as const;

/** Facts an affiliation decision rests on: changing one sends the affiliation back for review. */
const KEY_FACTS = ['union', 'unionOther', 'name', 'membershipSize', 'regionalBody'] as const;

export const CLAIM_RECEIVED_MESSAGE =
  'Thank you. If that branch is registered, the campaign’s admins will check your request and email you when they have decided. ' +
  'If it is not, nothing has been recorded: check the union, name and code, or register the branch.';

@Injectable()
export class BranchesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly branches: BranchesRepository,
    private readonly audit: AuditService,
    private readonly probes: BranchProbesService,
    private readonly clock: Clock,
    @Optional() @Inject(BRANCH_FACTS_LISTENER) private readonly factsListener?: BranchFactsListener,
  ) {}

  listMine(user: User): Promise<Branch[]> {
    return this.branches.findAllOwnedBy(user.id);
  }

  async pageMine(user: User, page: number, pageSize: number): Promise<Page<Branch>> {
    const [items, total] = await this.branches.findPageOwnedBy(user.id, page, pageSize);
    return { items, total, page, pageSize };
  }

  /** A secretary's own branch; any other id is "not found", never "forbidden". */
  async getMine(user: User, id: string, manager?: EntityManager): Promise<Branch> {
    const branch = await this.branches.findOwnedBy(user.id, id, manager);
    if (!branch) throw new BranchNotFoundError();
    return branch;
  }

  /** Every branch by public name, for admins, searched by branch or union name. */
  async pageForAdmin(q: string | undefined, page: number, pageSize: number): Promise<Page<AdminBranchRow>> {
    return { ...(await this.branches.findPageForAdmin(q, page, pageSize)), page, pageSize };
  }

  async getForAdmin(id: string): Promise<Branch> {
    const branch = await this.branches.findById(id);
    if (!branch) throw new BranchNotFoundError();
    return branch;
  }

  async register(user: User, actor: Actor, dto: CreateBranchDto): Promise<Branch> {
    const branch = new Branch();
    this.apply(branch, dto, this.clock.now());
    branch.secretaryId = user.id;
    branch.addressEnteredBy = branch.address ? user.id : null;
    return this.probing(actor, 'register', () => this.saveGuarded(branch, async (manager) => {
      await this.assertNotDuplicate(manager, branch);
      const saved = await manager.getRepository(Branch).save(branch);
      await manager.getRepository(BranchSecretaryChange).insert({
        branchId: saved.id,
        fromUserId: null,
        toUserId: user.id,
        reason: 'registered',
        actorId: user.id,
      });
      await this.audit.record(manager, actor, {
        action: 'branch.register',
        subjectType: 'branch',
        subjectId: saved.id,
        summary: { union: saved.union, region: saved.region, listPublicly: saved.listPublicly },
      });
      return saved;
    }));
  }

  /**
   * Edits a branch. Changing a fact an affiliation was decided on (union, name,
   * membership) sends the current affiliation back for review, in the same transaction.
   */
  async update(user: User, actor: Actor, id: string, dto: UpdateBranchDto): Promise<Branch> {
    const save = () => this.saveGuarded(undefined, async (manager) => {
      const branch = await this.branches.lockOwnedBy(manager, user.id, id);
      if (!branch) throw new BranchNotFoundError();
      const before = { ...branch };
      this.apply(branch, dto, this.clock.now(), before);
      if (branch.address !== before.address) branch.addressEnteredBy = branch.address ? user.id : null;
      // Saving the public name or the consent is this secretary confirming them.
      const confirms = before.publicDetailsUnconfirmedSince !== null && (dto.publicName !== undefined || dto.listPublicly !== undefined);
      if (confirms) branch.publicDetailsUnconfirmedSince = null;
      const changed = (Object.keys(dto) as (keyof UpdateBranchDto)[]).filter(
        (k) => k !== '_csrf' && (before as Record<string, unknown>)[k] !== (branch as unknown as Record<string, unknown>)[k],
      );
      if (changed.length === 0 && !confirms) return branch;
      if (changed.some((k) => (IDENTITY_FIELDS as readonly string[]).includes(k))) await this.assertNotDuplicate(manager, branch);
      const saved = await manager.getRepository(Branch).save(branch);
      await this.audit.record(manager, actor, {
        action: 'branch.update',
        subjectType: 'branch',
        subjectId: id,
        summary: { changed, ...(confirms && { confirmedPublicDetails: true }) },
      });
      const keyChanges = changed.filter((k): k is (typeof KEY_FACTS)[number] => (KEY_FACTS as readonly string[]).includes(k));
      if (keyChanges.length) await this.keyFactsChanged(manager, actor, saved, keyChanges, before);
      return saved;
    });
    // A rename can meet another branch's name, which would say it exists: counted like a
    // registration. Decided from the secretary's own branch and input alone, so an edit that
    // keeps the name (every edit form posts it) is never refused for the day's limit.
    return (await this.renames(user, id, dto)) ? this.probing(actor, 'update', save) : save();
  }

  /** Whether applying `dto` changes what the duplicate guard compares. A branch that is not theirs: 404. */
  private async renames(user: User, id: string, dto: UpdateBranchDto): Promise<boolean> {
    if (!IDENTITY_FIELDS.some((k) => dto[k] !== undefined)) return false;
    const current = await this.getMine(user, id);
    const next = Object.assign(new Branch(), current);
    this.apply(next, dto, this.clock.now(), current);
    return next.unionKey !== current.unionKey || next.normalisedName !== current.normalisedName || next.normalisedCode !== current.normalisedCode;
  }

  /**
   * Asks the admins to make this secretary the secretary of an already
   * registered branch. The caller answers the same whether or not such a branch
   * exists, and whether or not this account asked before: the request is
   * recorded (and shown to admins) only when there is a branch. Every request
   * spends a probe and is audited.
   */
  async requestTakeover(user: User, actor: Actor, dto: CreateBranchClaimDto): Promise<void> {
    const ticket = await this.probes.spend(actor);
    const unionKey = unionKeyOf(dto.union, dto.unionOther);
    const found = await this.branches.findDuplicate(unionKey, normaliseBranchName(dto.name), normaliseBranchCode(dto.code));
    if (!found) {
      await this.probes.record(actor, { action: 'branch.claim_unmatched', summary: { union: dto.union } });
      return;
    }
    if (found.branch.secretaryId === user.id) {
      // Their own branch: saying so reveals nothing.
      await ticket.refund();
      throw new AlreadySecretaryError();
    }
    try {
      await this.dataSource.transaction(async (manager) => {
        const claims = manager.getRepository(BranchClaim);
        await claims.save(claims.create({ branchId: found.branch.id, requesterId: user.id, message: dto.message ?? null }));
        await this.audit.record(manager, actor, { action: 'branch.claim_request', subjectType: 'branch', subjectId: found.branch.id });
      });
    } catch (error) {
      if (uniqueViolation(error) !== 'uq_branch_claims_pending') throw error;
      await this.probes.record(actor, { action: 'branch.claim_repeat', subjectType: 'branch', subjectId: found.branch.id });
    }
  }

  private apply(branch: Branch, dto: UpdateBranchDto, now: Date, before?: Branch): void {
    if (dto.union !== undefined) branch.union = dto.union;
    if (dto.union !== undefined || dto.unionOther !== undefined) {
      branch.unionOther = branch.union === OTHER_UNION ? (dto.unionOther ?? before?.unionOther ?? null) : null;
    }
    if (dto.name !== undefined) branch.name = dto.name;
    if (dto.code !== undefined) branch.code = dto.code || null;
    if (dto.region !== undefined) branch.region = dto.region;
    if (dto.membershipSize !== undefined) branch.membershipSize = dto.membershipSize;
    if (dto.regionalBody !== undefined || !before) branch.regionalBody = dto.regionalBody ?? branch.regionalBody ?? false;
    if (dto.address !== undefined) branch.address = dto.address || null;
    branch.unionKey = unionKeyOf(branch.union, branch.unionOther);
    branch.normalisedName = normaliseBranchName(branch.name);
    branch.normalisedCode = normaliseBranchCode(branch.code);
    if (dto.publicName !== undefined) branch.publicName = dto.publicName;
    else if (!before) branch.publicName = `${unionName(branch.union, branch.unionOther)} ${branch.name}`.slice(0, 200);
    if (dto.listPublicly !== undefined && dto.listPublicly !== (before?.listPublicly ?? false)) {
      branch.listPublicly = dto.listPublicly;
      if (dto.listPublicly) {
        branch.listConsentAt = now;
        branch.listConsentWording = LIST_CONSENT_WORDING;
        branch.listConsentWithdrawnAt = null;
      } else {
        branch.listConsentWithdrawnAt = now;
      }
    } else if (!before) {
      branch.listPublicly = false;
    }
  }

  private async assertNotDuplicate(manager: EntityManager, branch: Branch): Promise<void> {
    const found = await this.branches.findDuplicate(branch.unionKey, branch.normalisedName, branch.normalisedCode, manager, branch.id);
    if (found) throw new BranchExistsError(found.by, found.branch.id);
  }

  /**
   * A registration racing another past the check still gets the precise 409,
   * from the named index; `candidate` finds the branch it met, for the audit.
   */
  private async saveGuarded<T>(candidate: Branch | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      const by = DUPLICATE_CONSTRAINTS[uniqueViolation(error) ?? ''];
      if (!by) throw error;
      const found = candidate && (await this.branches.findDuplicate(candidate.unionKey, candidate.normalisedName, candidate.normalisedCode));
      throw new BranchExistsError(by, found ? found.branch.id : undefined);
    }
  }

  /** Runs a registration or rename as a probe: spent first, given back unless it met an existing branch, which is audited. */
  private async probing<T>(actor: Actor, via: 'register' | 'update', work: () => Promise<T>): Promise<T> {
    const ticket = await this.probes.spend(actor);
    try {
      const result = await work();
      await ticket.refund();
      return result;
    } catch (error) {
      if (!(error instanceof BranchExistsError)) {
        await ticket.refund();
        throw error;
      }
      await this.probes.record(actor, {
        action: 'branch.duplicate_attempt',
        subjectType: 'branch',
        subjectId: error.branchId,
        summary: { by: error.by, via },
      });
      throw error;
    }
  }

  /** Tells the affiliation feature, in words, which key facts changed and how. */
  private async keyFactsChanged(manager: EntityManager, actor: Actor, branch: Branch, changed: readonly string[], before: Branch): Promise<void> {
    if (!this.factsListener) return;
    const show = (b: Branch, k: string): string => {
      if (k === 'union' || k === 'unionOther') return unionName(b.union, b.unionOther);
      if (k === 'regionalBody') return b.regionalBody ? 'yes' : 'no';
      return String((b as unknown as Record<string, unknown>)[k] ?? '—');
    };
    const described = [...new Set(changed.map((k) => (k === 'unionOther' ? 'union' : k)))]
      .map((k) => `${FACT_LABELS[k] ?? k} from ${show(before, k)} to ${show(branch, k)}`)
      .join('; ');
    await this.factsListener.keyFactsChanged(manager, actor, branch, described);
  }
}
