import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { BadInputError, TooManyRequestsError } from '../common/errors/domain-error';
import { isLimitReached, Throttles, type Throttle } from '../common/rate-limit/throttles';
import { normaliseEmail } from '../common/validation';
import { PoliceAreasService } from '../police-areas/police-areas.service';
import { LETTER_KIND, LETTER_KINDS, type LetterKind } from './letter-kinds';
import type { LetterReply } from './letter-reply.entity';
import { LetterFollowUpsService, type FollowUpTallies } from './letter-follow-ups.service';
import { RepliesRepository } from './replies.repository';
import { ReplyNotFoundError } from './replies.errors';
import { REPLY_STANCES, type ReplyStance, type ReplyStatus } from './reply-status';

/** Replies one client address may report in an hour: a branch office shares one address, so generous. */
export const REPLIES_PER_HOUR = 10;
/** Replies naming one email address in a day. */
export const REPLIES_PER_EMAIL_PER_DAY = 5;
const ADDRESS_LIMIT_MESSAGE = 'Too many replies have been sent from your connection in the last hour. Please wait a little and try again.';
const EMAIL_LIMIT_MESSAGE = 'Too many replies have been sent with this email address today. Please try again tomorrow, or leave the email out.';

export interface ReplyInput {
  kind: LetterKind;
  representativeName: string;
  area?: string;
  receivedOn: string;
  stance: ReplyStance;
  summary?: string;
  email?: string;
}

export type StanceCounts = Record<ReplyStance, number>;

export interface RepliesSummary {
  total: number;
  byKind: Record<LetterKind, StanceCounts>;
  byPoliceArea: Array<{ key: string; name: string; accountableBody: string } & StanceCounts>;
  questionnaire: FollowUpTallies;
}

const zero = (): StanceCounts => Object.fromEntries(REPLY_STANCES.map((s) => [s, 0])) as StanceCounts;

/**
 * Replies the writers tell the campaign about: stored pending, read by an
 * admin, published (counted) or hidden; each decision audited in its
 * transaction. Only counts are ever public.
 */
@Injectable()
export class RepliesService {
  private readonly byAddress: Throttle;
  private readonly byEmail: Throttle;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: RepliesRepository,
    private readonly policeAreas: PoliceAreasService,
    private readonly followUps: LetterFollowUpsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    throttles: Throttles,
  ) {
    this.byAddress = throttles.create({ keyPrefix: 'replies_address', points: REPLIES_PER_HOUR, duration: 3600 });
    this.byEmail = throttles.create({ keyPrefix: 'replies_email', points: REPLIES_PER_EMAIL_PER_DAY, duration: 86_400 });
  }

  /**
   * Stores a reported reply, pending an admin. A PCC's reply names its
   * police force area (key or name) or none. `trap` is the honeypot: a robot
   * is answered the same and nothing is stored.
   */
  async submit(input: ReplyInput, actor: Actor, trap?: string): Promise<void> {
    await this.spend(this.byAddress, actor.ip ?? 'unknown', ADDRESS_LIMIT_MESSAGE);
    if (trap) return;
    if (input.receivedOn > this.clock.today()) throw new BadInputError({ receivedOn: ['The date the reply came must be today or in the past'] });
    let area = input.area ?? null;
    let policeAreaKey: string | null = null;
    if (LETTER_KIND[input.kind].policeArea && area) {
      const found = await this.policeAreas.resolve(area);
      if (!found) throw new BadInputError({ area: ['Choose a police force area from the list'] });
      area = found.name;
      policeAreaKey = found.key;
    }
    const email = input.email ? normaliseEmail(input.email) : null;
    if (email) await this.spend(this.byEmail, email, EMAIL_LIMIT_MESSAGE);
    await this.dataSource.transaction((manager) =>
      this.repository.insert(manager, {
        kind: input.kind,
        representativeName: input.representativeName,
        area,
        policeAreaKey,
        receivedOn: input.receivedOn,
        stance: input.stance,
        summary: input.summary ?? null,
        email,
      }),
    );
  }

  findForAdmin(status?: ReplyStatus): Promise<LetterReply[]> {
    return this.repository.findForAdmin(status);
  }

  countByStatus(): Promise<Record<ReplyStatus, number>> {
    return this.repository.countByStatus();
  }

  publish(id: string, actor: Actor): Promise<LetterReply> {
    return this.moderate(id, 'published', actor);
  }

  hide(id: string, actor: Actor): Promise<LetterReply> {
    return this.moderate(id, 'hidden', actor);
  }

  /** The public tallies: published replies by kind and stance, PCC replies by police force area, and the questionnaire's answers. */
  async summary(): Promise<RepliesSummary> {
    const [byKindRows, byAreaRows, areas, questionnaire] = await Promise.all([
      this.repository.countPublishedByKind(),
      this.repository.countPublishedByPoliceArea(),
      this.policeAreas.list(),
      this.followUps.tallies(),
    ]);
    const byKind = Object.fromEntries(LETTER_KINDS.map((k) => [k, zero()])) as Record<LetterKind, StanceCounts>;
    let total = 0;
    for (const r of byKindRows) {
      byKind[r.kind][r.stance] = r.n;
      total += r.n;
    }
    const perArea = new Map<string, StanceCounts>();
    for (const r of byAreaRows) {
      const counts = perArea.get(r.key) ?? zero();
      counts[r.stance] = r.n;
      perArea.set(r.key, counts);
    }
    const byPoliceArea = areas.filter((a) => perArea.has(a.key)).map((a) => ({ key: a.key, name: a.name, accountableBody: a.accountableBody, ...perArea.get(a.key)! }));
    return { total, byKind, byPoliceArea, questionnaire };
  }

  private async moderate(id: string, status: ReplyStatus, actor: Actor): Promise<LetterReply> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const reply = await this.repository.lock(manager, id);
      if (!reply) throw new ReplyNotFoundError();
      if (reply.status !== status) {
        await this.repository.setStatus(manager, id, status, now);
        await this.audit.record(manager, actor, {
          action: status === 'published' ? 'reply.publish' : 'reply.hide',
          subjectType: 'letter_reply',
          subjectId: id,
          summary: { before: reply.status, after: status },
        });
      }
      return (await this.repository.lock(manager, id))!;
    });
  }

  private async spend(throttle: Throttle, key: string, message: string): Promise<void> {
    try {
      await throttle.consume(key);
    } catch (error) {
      if (isLimitReached(error)) throw new TooManyRequestsError(message, Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      throw error;
    }
  }
}
