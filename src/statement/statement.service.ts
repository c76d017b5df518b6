import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { TooManyRequestsError } from '../common/errors/domain-error';
import { isLimitReached, Throttles, type Throttle } from '../common/rate-limit/throttles';
import { normaliseEmail } from '../common/validation';
import type { AppConfig, StatementConfig } from '../config';
import { MailRecipientsService } from '../mail/mail-recipients.service';
import { MailService } from '../mail/mail.service';
import type { SentEmail } from '../mail/mail-recipients.service';
import type { MessageStatus } from './message-status';
import { StatementPublicService } from './statement-public.service';
import { StatementRepository } from './statement.repository';
import { statementEmails } from './statement.emails';
import { StatementLinkInvalidError } from './statement.errors';
import type { Signature } from './signature.entity';
import type { SignatureChoices, StatementTokenPurpose } from './statement-token.entity';

const HOUR_MS = 3_600_000;
/** How long each kind of emailed link works. A withdrawal link works as long as any email that carries it may be kept. */
const LIFETIME_MS: Record<StatementTokenPurpose, number> = {
  confirm: 7 * 24 * HOUR_MS,
  withdraw: 365 * 24 * HOUR_MS,
  data: 24 * HOUR_MS,
};
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hashToken = (raw: string): string => createHash('sha256').update(raw).digest('hex');

/**
 * Confirmation and data emails one address may be sent in an hour, whoever
 * asks: signing someone's address again and again from many connections
 * cannot fill their inbox. Past it the answer stays the same, and no email goes.
 */
const EMAILS_PER_ADDRESS = 5;

const LIMIT_MESSAGE = 'Too many signatures have been sent from your connection in the last hour. Please wait a little and try again.';

export interface SignInput extends SignatureChoices {
  email: string;
}

/** Everything held about one signature, for its signer's download. */
export interface SignatureExport {
  signature: {
    name: string;
    email: string;
    town: string | null;
    organisation: string | null;
    showName: boolean;
    updates: boolean;
    message: string | null;
    messagePublic: boolean;
    messageStatus: MessageStatus;
    messagePublishedAt: Date | null;
    confirmedAt: Date | null;
    createdAt: Date;
    updatedAt: Date;
  };
  emails: SentEmail[];
}

/** Who unsubscribed from an emailed link: the holder of the link, with no session. */
const LINK_ACTOR: Actor = { id: null, role: 'unsubscribe_link' };

/**
 * Signing Where We Stand, by double opt-in: a signing stores (or finds) the
 * signature and emails a link that carries the choices it asked for; only
 * that link, confirmed by the address's owner, counts the signature or
 * changes it. The answer never says whether the address signed before.
 */
@Injectable()
export class StatementService {
  private readonly publicUrl: string;
  private readonly byAddress: Throttle;
  private readonly byEmail: Throttle;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: StatementRepository,
    private readonly publicStatement: StatementPublicService,
    private readonly mail: MailService,
    private readonly mailRecipients: MailRecipientsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly throttles: Throttles,
    config: ConfigService,
  ) {
    this.publicUrl = config.getOrThrow<AppConfig>('app').publicUrl;
    const statement = config.getOrThrow<StatementConfig>('statement');
    this.byAddress = throttles.create({ keyPrefix: 'statement_sign_address', points: statement.signsPerAddress, duration: statement.signWindowSeconds });
    this.byEmail = throttles.create({ keyPrefix: 'statement_email', points: EMAILS_PER_ADDRESS, duration: statement.signWindowSeconds });
  }

  /**
   * Records a signing and emails its confirmation link. A new address gets an
   * unconfirmed signature; a known one is left as it is until the link is
   * confirmed. `trap` is the honeypot: a form a robot filled in is answered
   * the same and nothing is stored or sent.
   */
  async sign(input: SignInput, actor: Actor, trap?: string): Promise<void> {
    await this.spend(actor);
    if (trap) return;
    const email = normaliseEmail(input.email);
    if (!(await this.mayEmail(email))) return;
    const { email: _typed, ...choices } = input;
    await this.dataSource.transaction(async (manager) => {
      const id = (await this.repository.lockByEmail(manager, email))?.id ?? (await this.insert(manager, email, choices));
      const confirm = await this.issue(manager, id, 'confirm', choices);
      const withdraw = await this.issue(manager, id, 'withdraw');
      await this.mail.queue(manager, statementEmails.confirm(email, choices.name, this.link('/statement/confirm', confirm), this.link('/statement/withdraw', withdraw)));
    });
  }

  /** Spends a confirmation link and applies the choices it carries; a used, expired or unknown link is refused. */
  async confirm(token: string): Promise<void> {
    if (!TOKEN.test(token)) throw new StatementLinkInvalidError();
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const spent = await this.repository.spendConfirmToken(manager, hashToken(token), now);
      if (!spent) throw new StatementLinkInvalidError();
      await this.repository.applyChoices(manager, spent.signatureId, spent.choices, now);
    });
    await this.publicStatement.refresh();
  }

  /**
   * What confirming this link would do, for its page: the owner of the
   * address sees the choices before agreeing to them, so a signing someone
   * else made with their address is never confirmed unseen.
   */
  async pendingChoices(token: string): Promise<SignatureChoices | undefined> {
    if (!TOKEN.test(token)) return undefined;
    return this.repository.peekConfirmToken(hashToken(token), this.clock.now());
  }

  /** Whether a withdrawal or data link still works (to show its page or say it has expired). */
  async linkWorks(purpose: 'withdraw' | 'data', token: string): Promise<boolean> {
    if (!TOKEN.test(token)) return false;
    return !!(await this.repository.findByToken(this.dataSource.manager, purpose, hashToken(token), this.clock.now()));
  }

  /** Deletes the signature a withdrawal link belongs to, with every trace of it in the outbox. */
  async withdraw(token: string, actor: Actor): Promise<void> {
    await this.removeByToken('withdraw', token, actor, 'statement.withdrawn');
  }

  /**
   * Emails a link to the signer's data, when the address signed; the same
   * answer either way. Counted with signings: each sends an email.
   */
  async requestData(rawEmail: string, actor: Actor): Promise<void> {
    await this.spend(actor);
    const email = normaliseEmail(rawEmail);
    if (!(await this.mayEmail(email))) return;
    await this.dataSource.transaction(async (manager) => {
      const signature = await this.repository.lockByEmail(manager, email);
      if (!signature) return;
      const data = await this.issue(manager, signature.id, 'data');
      const withdraw = await this.issue(manager, signature.id, 'withdraw');
      await this.mail.queue(manager, statementEmails.dataLink(signature.email, this.link('/statement/my-data', data), this.link('/statement/withdraw', withdraw)));
    });
  }

  /** Everything held about the signature a data link belongs to. */
  async exportData(token: string): Promise<SignatureExport> {
    const signature = await this.byToken(this.dataSource.manager, 'data', token);
    const s = signature;
    return {
      signature: {
        name: s.name,
        email: s.email,
        town: s.town,
        organisation: s.organisation,
        showName: s.showName,
        updates: s.updates,
        message: s.message,
        messagePublic: s.messagePublic,
        messageStatus: s.messageStatus,
        messagePublishedAt: s.messagePublishedAt,
        confirmedAt: s.confirmedAt,
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
      },
      emails: await this.mailRecipients.sentTo(s.email),
    };
  }

  /** Erases the signature a data link belongs to: as a withdrawal does. */
  async erase(token: string, actor: Actor): Promise<void> {
    await this.removeByToken('data', token, actor, 'statement.erased');
  }

  /** For email updates (issue 17, part B): confirmed signers who asked for them; `ref` is the signature's id. */
  async updateRecipients(): Promise<Array<{ ref: string; email: string; name: string }>> {
    return (await this.repository.findUpdateRecipients()).map((r) => ({ ref: r.id, email: r.email, name: r.name }));
  }

  /** Turns updates off for the signature of this address, if there is one (an unsubscribe through another audience's email). */
  async stopUpdatesFor(email: string): Promise<void> {
    const id = await this.repository.findIdByEmail(normaliseEmail(email));
    if (id) await this.stopUpdates(id);
  }

  /** Turns updates off for a signature (an unsubscribe). Idempotent; an unknown ref changes nothing. */
  async stopUpdates(ref: string): Promise<void> {
    if (!UUID.test(ref)) return;
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.stopUpdates(manager, ref))) return;
      // Which signature, never whose (as for a withdrawal).
      await this.audit.record(manager, LINK_ACTOR, { action: 'signature.email_updates_off', subjectType: 'signature', subjectId: ref, summary: { via: 'unsubscribe_link' } });
    });
  }

  private async removeByToken(purpose: 'withdraw' | 'data', token: string, actor: Actor, action: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const signature = await this.byToken(manager, purpose, token, true);
      await this.repository.deleteSignature(manager, signature.id);
      await this.mailRecipients.forget(manager, signature.email);
      await this.throttles.forget(manager, [signature.email]);
      // Which signature went, never whose: the audit log keeps no signer's name or address.
      await this.audit.record(manager, { ...actor, ip: null }, { action, subjectType: 'signature', subjectId: signature.id, summary: { wasConfirmed: !!signature.confirmedAt } });
    });
    await this.publicStatement.refresh();
  }

  private async byToken(manager: EntityManager, purpose: 'withdraw' | 'data', token: string, lock = false): Promise<Signature> {
    const found = TOKEN.test(token) ? await this.repository.findByToken(manager, purpose, hashToken(token), this.clock.now(), lock) : null;
    if (!found) throw new StatementLinkInvalidError('This link has expired, or the signature was already withdrawn.');
    return found;
  }

  private async insert(manager: EntityManager, email: string, choices: SignatureChoices): Promise<string> {
    const id = await this.repository.insertUnconfirmed(manager, email, choices);
    if (id) return id;
    // Signed at the same moment by another request: use that one.
    return (await this.repository.lockByEmail(manager, email))!.id;
  }

  private async issue(manager: EntityManager, signatureId: string, purpose: StatementTokenPurpose, choices?: SignatureChoices): Promise<string> {
    const raw = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + LIFETIME_MS[purpose]);
    await this.repository.insertToken(manager, { signatureId, purpose, tokenHash: hashToken(raw), expiresAt, choices });
    return raw;
  }

  private link(path: string, token: string): string {
    return `${this.publicUrl}${path}?token=${encodeURIComponent(token)}`;
  }

  /** Spends one of the address's emails for the hour; false when they are used up (the caller sends nothing, and says nothing). */
  private async mayEmail(email: string): Promise<boolean> {
    try {
      await this.byEmail.consume(email);
      return true;
    } catch (error) {
      if (isLimitReached(error)) return false;
      throw error;
    }
  }

  private async spend(actor: Actor): Promise<void> {
    try {
      await this.byAddress.consume(actor.ip ?? 'unknown');
    } catch (error) {
      if (isLimitReached(error)) throw new TooManyRequestsError(LIMIT_MESSAGE, Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      throw error;
    }
  }
}
