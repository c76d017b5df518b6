import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AuditService, type Actor } from '../audit/audit.service';
import type { AppConfig } from '../config';
import { MailService } from '../mail/mail.service';
import { affiliationEmail } from './affiliation-emails';
import { AFFILIATION_TRANSITION_LISTENER, type AffiliationTransitionListener } from './affiliation-hooks';
import { AFFILIATION_STATUS, type AffiliationStatus } from './affiliation-status';
import { AffiliationStatusChange } from './affiliation-status-change.entity';
import { AFFILIATION_TRANSITIONS, findTransition, type AffiliationAction, type Transition, type TransitionActor } from './affiliation-transitions';
import { Affiliation } from './affiliation.entity';
import { AffiliationNotFoundError, AffiliationStatusConflictError, MessageRequiredError } from './affiliations.errors';

/** The columns an affiliation is born with; status, history and timestamps are the workflow's. */
export type AffiliationFields = Pick<
  Affiliation,
  | 'motionPassedOn'
  | 'endorsesStatement'
  | 'membershipSize'
  | 'feeBandId'
  | 'feeBandLabel'
  | 'feePence'
  | 'payWhatYouCan'
  | 'payWhatYouCanNote'
  | 'payWhatYouCanAgreedAt'
>;

export interface StartRequest {
  /** `create` (a secretary starts a year) or `renew` (the fee rules raise the next year). */
  action: Extract<AffiliationAction, 'create' | 'renew'>;
  branchId: string;
  year: number;
  fields: AffiliationFields;
  actor: Actor;
  by: TransitionActor;
  /** Written to the audit event (e.g. the affiliation a renewal continues). */
  summary?: Record<string, unknown>;
}

export interface TransitionRequest {
  affiliationId: string;
  action: AffiliationAction;
  actor: Actor;
  /** The capacity the actor acts in; a secretary's ownership is checked by the caller. */
  by: TransitionActor;
  message?: string | null;
  /** Other columns the transition sets with the status (e.g. a resubmission's new motion date). */
  changes?: Partial<Omit<AffiliationFields, 'payWhatYouCanAgreedAt'>>;
}

interface Context {
  status: AffiliationStatus;
  branchId: string;
  year: number;
  publicName: string;
  secretaryEmail: string | null;
  secretaryName: string | null;
}

/**
 * Moves an affiliation along AFFILIATION_TRANSITIONS. Each move is one
 * transaction: a conditional update (only from the status it was read in, so
 * of two admins acting at once exactly one wins), a history row, the audit
 * event and the secretary's email all commit together or not at all.
 */
@Injectable()
export class AffiliationWorkflow {
  private readonly publicUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly clock: Clock,
    config: ConfigService,
    @Optional() @Inject(AFFILIATION_TRANSITION_LISTENER) private readonly listener?: AffiliationTransitionListener,
  ) {
    this.publicUrl = config.getOrThrow<AppConfig>('app').publicUrl;
  }

  /**
   * Brings a branch's affiliation for `year` into being, as the table's
   * `create` or `renew` says: the row, its first history row, the audit event
   * and the listener's work in one transaction. Resolves to null when the
   * branch already has an affiliation for that year (the unique key decides,
   * so two runs at once create one).
   */
  async start(request: StartRequest, manager?: EntityManager): Promise<Affiliation | null> {
    if (!manager) return this.dataSource.transaction((m) => this.start(request, m));
    const { action, actor, by, branchId, year } = request;
    const transition = findTransition(null, action, by);
    if (!transition) throw new Error(`The affiliation lifecycle has no ${action} for ${by}`);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Affiliation)
      .values({ ...request.fields, branchId, affiliationYear: year, status: transition.to })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (!id) return null;
    await this.recordHistory(manager, id, transition, actor, by, null);
    await this.audit.record(manager, actor, {
      action: `affiliation.${action}`,
      subjectType: 'affiliation',
      subjectId: id,
      summary: { branchId, year, to: transition.to, feePence: request.fields.feePence, ...request.summary },
    });
    const created = await manager.getRepository(Affiliation).findOneByOrFail({ id });
    await this.listener?.afterTransition(manager, created, transition, actor);
    return created;
  }

  /** Runs in `manager`'s transaction when given, otherwise in its own. */
  async transition(request: TransitionRequest, manager?: EntityManager): Promise<Affiliation> {
    if (!manager) return this.dataSource.transaction((m) => this.transition(request, m));
    const { affiliationId, action, actor, by } = request;
    const ctx = await this.context(manager, affiliationId);
    if (!ctx) throw new AffiliationNotFoundError();

    const transition = findTransition(ctx.status, action, by);
    if (!transition) {
      // Either the table never allows it, or someone got there first.
      const possibleSomewhere = AFFILIATION_TRANSITIONS.some((t) => t.action === action && t.by.includes(by));
      throw new AffiliationStatusConflictError(ctx.status, possibleSomewhere && by === 'admin' && !AFFILIATION_STATUS[ctx.status].awaitingAdmin);
    }
    const message = request.message?.trim() || null;
    if (transition.needsMessage && !message) throw new MessageRequiredError(transition.decision?.message?.field ?? 'reason');

    const now = this.clock.now();
    const set: Record<string, unknown> = { ...request.changes, status: transition.to };
    if (transition.to === 'submitted') set.submittedAt = now;
    // Accepted now: approved after review, or a renewal once it is paid (not a lapse or suspension ending).
    if (transition.to === 'approved' && (action === 'approve' || transition.from === 'renewal_due')) set.approvedAt = now;
    if (transition.needsMessage || transition.to === 'submitted' || transition.to === 'approved') set.adminMessage = transition.needsMessage ? message : null;

    const result = await manager
      .createQueryBuilder()
      .update(Affiliation)
      .set(set)
      .where('id = :id AND status = :from', { id: affiliationId, from: transition.from })
      .execute();
    if (result.affected !== 1) {
      // Another transaction changed the status between our read and our update.
      const now = await this.context(manager, affiliationId);
      throw new AffiliationStatusConflictError(now?.status ?? ctx.status, by === 'admin');
    }

    await this.recordHistory(manager, affiliationId, transition, actor, by, message);
    await this.audit.record(manager, actor, {
      action: `affiliation.${action}`,
      subjectType: 'affiliation',
      subjectId: affiliationId,
      summary: { branchId: ctx.branchId, from: transition.from, to: transition.to, ...(request.changes && { changed: Object.keys(request.changes) }) },
    });
    if (ctx.secretaryEmail) {
      const email = affiliationEmail(action, {
        to: ctx.secretaryEmail,
        name: ctx.secretaryName ?? 'branch secretary',
        publicName: ctx.publicName,
        year: ctx.year,
        link: `${this.publicUrl}/branch/${ctx.branchId}`,
        message,
      });
      if (email) await this.mail.queue(manager, email);
    }
    const updated = await manager.getRepository(Affiliation).findOneByOrFail({ id: affiliationId });
    await this.listener?.afterTransition(manager, updated, transition, actor);
    return updated;
  }

  private async recordHistory(
    manager: EntityManager,
    affiliationId: string,
    transition: Transition,
    actor: Actor,
    by: TransitionActor,
    message: string | null,
  ): Promise<void> {
    await manager.getRepository(AffiliationStatusChange).insert({
      affiliationId,
      fromStatus: transition.from,
      toStatus: transition.to,
      action: transition.action,
      actorId: actor.id,
      actorRole: actor.role ?? by,
      message,
    });
  }

  private async context(manager: EntityManager, affiliationId: string): Promise<Context | undefined> {
    const rows: Context[] = await manager.query(
      `SELECT a.status, a.branch_id AS "branchId", a.affiliation_year AS "year", b.public_name AS "publicName",
              u.email AS "secretaryEmail", u.name AS "secretaryName"
         FROM affiliations a
         JOIN branches b ON b.id = a.branch_id
         LEFT JOIN users u ON u.id = b.secretary_id
        WHERE a.id = $1`,
      [affiliationId],
    );
    return rows[0];
  }
}
