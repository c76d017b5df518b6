import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { maskEmail } from '../common/validation/email-address';
import { BranchHandover } from './branch-handover.entity';
import { BranchSecretaryChange } from './branch-secretary-change.entity';
import { Branch } from './branch.entity';
import { regionName } from './regions';
import { unionName } from './unions';

/** What an address the portal may no longer hold becomes where a value must stay. */
const ERASED_ADDRESS = 'erased@invalid';

export interface BranchExport {
  id: string;
  publicName: string;
  union: string;
  name: string;
  code: string | null;
  region: string;
  membershipSize: number;
  regionalBody: boolean;
  listPublicly: boolean;
  listConsentAt: Date | null;
  listConsentWording: string | null;
  listConsentWithdrawnAt: Date | null;
  /** Only when this person typed it. */
  address: string | null;
  registeredAt: Date;
}

export interface SecretaryPeriod {
  branchId: string;
  publicName: string;
  from: Date;
  until: Date | null;
  how: string;
}

export interface HandoverExport {
  branchId: string;
  publicName: string;
  /** Another person's address, so masked: "j***@example.org". */
  invitee: string;
  sentAt: Date;
  outcome: 'accepted' | 'cancelled' | 'expired' | 'pending';
}

export interface ClaimExport {
  branchId: string;
  publicName: string;
  message: string | null;
  requestedAt: Date;
  outcome: 'approved' | 'declined';
  decidedAt: Date | null;
}

export interface BranchPersonalData {
  branches: BranchExport[];
  secretaryPeriods: SecretaryPeriod[];
  handoversSent: HandoverExport[];
  takeoverRequests: ClaimExport[];
}

export interface ForgottenBranches {
  branchesLeftWithoutSecretary: number;
  addressesErased: number;
  invitationsWithdrawn: number;
}

/**
 * What the branch feature holds about one person (as its secretary, the one
 * who typed an address, sent an invitation or asked to take a branch over),
 * for their export, and forgetting it when they erase their account. The
 * branch itself is an organisation's record and stays.
 */
@Injectable()
export class BranchPersonalDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async export(userId: string): Promise<BranchPersonalData> {
    const [branches, periods, handovers, claims] = await Promise.all([
      this.dataSource.getRepository(Branch).find({ where: { secretaryId: userId }, order: { createdAt: 'ASC' } }),
      this.secretaryPeriods(userId),
      this.handoversSent(userId),
      this.decidedClaims(userId),
    ]);
    return {
      branches: branches.map((b) => ({
        id: b.id,
        publicName: b.publicName,
        union: unionName(b.union, b.unionOther),
        name: b.name,
        code: b.code,
        region: regionName(b.region),
        membershipSize: b.membershipSize,
        regionalBody: b.regionalBody,
        listPublicly: b.listPublicly,
        listConsentAt: b.listConsentAt,
        listConsentWording: b.listConsentWording,
        listConsentWithdrawnAt: b.listConsentWithdrawnAt,
        address: b.addressEnteredBy === userId ? b.address : null,
        registeredAt: b.createdAt,
      })),
      secretaryPeriods: periods,
      handoversSent: handovers,
      takeoverRequests: claims,
    };
  }

  /**
   * In the caller's transaction. Branches this person runs stay, without a
   * secretary (an admin reassigns them) and off the public list: their public
   * name and consent were this person's to give, so the next secretary
   * confirms them. Addresses they typed go, on any branch; invitations they
   * sent or received and that are still open are withdrawn, and the others no
   * longer name them.
   */
  async forget(manager: EntityManager, userId: string, email: string): Promise<ForgottenBranches> {
    const now = this.clock.now();
    const run = async (sql: string, params: unknown[]): Promise<{ id: string }[]> => {
      const [rows] = (await manager.query(sql, params)) as [{ id: string }[], number];
      return rows;
    };
    const left = await run(
      `UPDATE branches
          SET secretary_id = NULL, list_publicly = false, updated_at = now(),
              list_consent_withdrawn_at = CASE WHEN list_publicly THEN $2::timestamptz ELSE list_consent_withdrawn_at END,
              public_details_unconfirmed_since = $2
        WHERE secretary_id = $1
       RETURNING id`,
      [userId, now],
    );
    if (left.length) {
      await manager.getRepository(BranchSecretaryChange).insert(
        left.map((b) => ({ branchId: b.id, fromUserId: userId, toUserId: null, reason: 'account_deleted' as const, actorId: userId })),
      );
    }
    const addresses = await run('UPDATE branches SET address = NULL, address_entered_by = NULL, updated_at = now() WHERE address_entered_by = $1 RETURNING id', [
      userId,
    ]);
    const withdrawn = await manager
      .createQueryBuilder()
      .delete()
      .from(BranchHandover)
      .where('invited_by_id = :userId AND accepted_at IS NULL AND cancelled_at IS NULL', { userId })
      .execute();
    await manager.query('UPDATE branch_handovers SET invited_by_id = NULL WHERE invited_by_id = $1', [userId]);
    await manager.query('UPDATE branch_handovers SET accepted_by_id = NULL WHERE accepted_by_id = $1', [userId]);
    // Invitations to them: an open one can no longer be taken up; a past one keeps no address.
    await manager.query('DELETE FROM branch_handovers WHERE invitee_email = $1 AND accepted_at IS NULL AND cancelled_at IS NULL', [email]);
    await manager.query(`UPDATE branch_handovers SET invitee_email = '${ERASED_ADDRESS}' WHERE invitee_email = $1`, [email]);
    return { branchesLeftWithoutSecretary: left.length, addressesErased: addresses.length, invitationsWithdrawn: withdrawn.affected ?? 0 };
  }

  /** When this person became and stopped being secretary of each branch, from the history. */
  private async secretaryPeriods(userId: string): Promise<SecretaryPeriod[]> {
    const rows: { branchId: string; publicName: string; from: Date; until: Date | null; how: string }[] = await this.dataSource.query(
      `SELECT c.branch_id AS "branchId", b.public_name AS "publicName", c.created_at AS "from", c.reason AS how,
              (SELECT min(n.created_at) FROM branch_secretary_changes n
                WHERE n.branch_id = c.branch_id AND n.from_user_id = $1 AND n.created_at >= c.created_at) AS until
         FROM branch_secretary_changes c
         JOIN branches b ON b.id = c.branch_id
        WHERE c.to_user_id = $1
        ORDER BY c.created_at`,
      [userId],
    );
    return rows;
  }

  private async handoversSent(userId: string): Promise<HandoverExport[]> {
    const rows: (BranchHandover & { publicName: string })[] = await this.dataSource.query(
      `SELECT h.branch_id AS "branchId", b.public_name AS "publicName", h.invitee_email AS "inviteeEmail", h.created_at AS "createdAt",
              h.accepted_at AS "acceptedAt", h.cancelled_at AS "cancelledAt", h.expires_at AS "expiresAt"
         FROM branch_handovers h JOIN branches b ON b.id = h.branch_id
        WHERE h.invited_by_id = $1
        ORDER BY h.created_at`,
      [userId],
    );
    const now = this.clock.now().getTime();
    return rows.map((h) => ({
      branchId: h.branchId,
      publicName: h.publicName,
      invitee: maskEmail(h.inviteeEmail),
      sentAt: h.createdAt,
      outcome: h.acceptedAt ? 'accepted' : h.cancelledAt ? 'cancelled' : new Date(h.expiresAt).getTime() < now ? 'expired' : 'pending',
    }));
  }

  /**
   * Takeover requests once an admin has decided them (the person was told).
   * One still waiting is left out: it would say that a branch which need not
   * be public is registered, which its answer was careful not to say.
   */
  private decidedClaims(userId: string): Promise<ClaimExport[]> {
    return this.dataSource.query(
      `SELECT c.branch_id AS "branchId", b.public_name AS "publicName", c.message, c.created_at AS "requestedAt",
              c.status AS outcome, c.decided_at AS "decidedAt"
         FROM branch_claims c JOIN branches b ON b.id = c.branch_id
        WHERE c.requester_id = $1 AND c.status <> 'pending'
        ORDER BY c.created_at`,
      [userId],
    );
  }
}
