import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { BadInputError } from '../common/errors/domain-error';
import { normaliseEmail } from '../common/validation';
import type { AppConfig, RetentionConfig } from '../config';
import { MailService } from '../mail/mail.service';
import { FOLLOW_UP_ANSWERS, type FollowUpAnswer } from './follow-up-answer';
import { isLetterKind, LETTER_KINDS, type LetterKind } from './letter-kinds';
import { LetterFollowUp } from './letter-follow-up.entity';
import { LetterFollowUpsRepository } from './letter-follow-ups.repository';
import { repliesEmails } from './replies.emails';

const DAY_MS = 86_400_000;
/** The questionnaire goes two weeks after the letter. */
export const FOLLOW_UP_AFTER_DAYS = 14;
/** Questionnaires queued per transaction by one run. */
export const FOLLOW_UP_BATCH = 200;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (raw: string): string => createHash('sha256').update(raw).digest('hex');

export const SPENT_FOLLOW_UP = 'This link has already been used, or it is not complete: copy the whole link from the email.';

export class FollowUpLinkInvalidError extends BadInputError {
  constructor() {
    super({ token: [SPENT_FOLLOW_UP] }, SPENT_FOLLOW_UP);
  }
}

export interface FollowUpRequest {
  kind: LetterKind;
  /** The constituency, ward or police force area the letter named. */
  area?: string | null;
  email: string;
}

export type FollowUpTallies = Record<LetterKind, Record<FollowUpAnswer, number>>;

/**
 * "Did they reply?": a writer who leaves an address when building a letter
 * gets one email two weeks later with three one-click answers. Only the
 * address, the kind of recipient and the area are stored; the address is
 * forgotten when the question is answered or, unanswered, by the retention
 * rule `follow-up-addresses`. The answers feed the public tallies.
 */
@Injectable()
export class LetterFollowUpsService {
  private readonly logger = new Logger('LetterFollowUps');
  private readonly publicUrl: string;
  private readonly keptDays: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: LetterFollowUpsRepository,
    private readonly mail: MailService,
    private readonly clock: Clock,
    config: ConfigService,
  ) {
    this.publicUrl = config.getOrThrow<AppConfig>('app').publicUrl;
    this.keptDays = config.getOrThrow<RetentionConfig>('retention').followUpAddressDays;
  }

  /**
   * Stores a request for the questionnaire, in the caller's transaction when
   * given. An address that already has one waiting for this kind of
   * recipient keeps that one (one email, however many letters).
   */
  async schedule(manager: EntityManager | undefined, request: FollowUpRequest): Promise<void> {
    if (!isLetterKind(request.kind)) throw new Error(`Not a letter kind: ${String(request.kind)}`);
    const writtenAt = this.clock.now();
    const row = {
      kind: request.kind,
      // It goes into an email's text: one line.
      area: request.area?.replace(/\s+/g, ' ').trim().slice(0, 120) || null,
      email: normaliseEmail(request.email),
      writtenAt,
      dueAt: new Date(writtenAt.getTime() + FOLLOW_UP_AFTER_DAYS * DAY_MS),
    };
    await this.repository.insert(manager ?? this.dataSource.manager, row);
  }

  /**
   * Queues every questionnaire that is due, each in the transaction that
   * marks it sent: a request is emailed once, however often (and on however
   * many instances) this runs. Resolves to how many were queued.
   */
  async sendDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const now = this.clock.now();
      const sent = await this.dataSource.transaction(async (manager) => {
        const due = await this.repository.lockDue(manager, now, FOLLOW_UP_BATCH);
        for (const f of due) {
          const raw = randomBytes(32).toString('base64url');
          await this.repository.markSent(manager, f.id, hashToken(raw), now);
          const links = Object.fromEntries(FOLLOW_UP_ANSWERS.map((a) => [a, `${this.publicUrl}/act/did-they-reply/${a}?token=${raw}`])) as Record<FollowUpAnswer, string>;
          await this.mail.queue(manager, repliesEmails.followUp(f.email, f.kind, f.area, links, `${this.publicUrl}/act/replies/new`, this.keptDays));
        }
        return due.length;
      });
      total += sent;
      if (sent < FOLLOW_UP_BATCH) break;
    }
    if (total > 0) this.logger.log({ msg: 'Follow-up questionnaires queued', count: total });
    return total;
  }

  /** Whether a questionnaire link can still be answered (to show its page, or say it was used). */
  async linkWorks(token: string): Promise<boolean> {
    if (!TOKEN.test(token)) return false;
    return !!(await this.repository.findOpenByToken(hashToken(token)));
  }

  /** Records the answer and forgets the address; a link answers once. */
  async answer(token: string, answer: FollowUpAnswer): Promise<void> {
    if (!TOKEN.test(token)) throw new FollowUpLinkInvalidError();
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.answer(manager, hashToken(token), answer, now))) throw new FollowUpLinkInvalidError();
    });
  }

  /** Retention: addresses of requests written more than `days` ago, answered or not. */
  forgetAddresses(manager: EntityManager, before: Date, limit: number): Promise<number> {
    return this.repository.forgetAddresses(manager, before, limit);
  }

  /** An erased account's address, wherever a letter's writer left it (account erasure, in its transaction). */
  forgetEmail(manager: EntityManager, email: string): Promise<number> {
    return this.repository.forgetEmail(manager, email);
  }

  /** The questionnaires still held for an address (answered ones no longer hold it), for its owner's data export. */
  findByEmail(email: string): Promise<LetterFollowUp[]> {
    return this.repository.findByEmail(email);
  }

  /** The questionnaire's answers by kind of recipient, every kind and answer present. */
  async tallies(): Promise<FollowUpTallies> {
    const tallies = Object.fromEntries(LETTER_KINDS.map((k) => [k, Object.fromEntries(FOLLOW_UP_ANSWERS.map((a) => [a, 0]))])) as FollowUpTallies;
    for (const row of await this.repository.countAnswers()) tallies[row.kind][row.answer] = row.n;
    return tallies;
  }
}
