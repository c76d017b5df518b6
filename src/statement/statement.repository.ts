import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MESSAGE_STATUS, PUBLIC_MESSAGE_STATUSES, type MessageStatus } from './message-status';
import { Signature } from './signature.entity';
import { StatementToken, type SignatureChoices, type StatementTokenPurpose } from './statement-token.entity';

/** TypeORM resolves UPDATE/DELETE … RETURNING to [rows, affected]. */
type Returned<T> = [T[], number];

/** What the public statement shows of one listed signature. */
export interface ListedSignatureRow {
  id: string;
  name: string;
  town: string | null;
  organisation: string | null;
  confirmedAt: Date;
}

export interface PublishedMessageRow {
  id: string;
  name: string | null;
  message: string;
  publishedAt: Date;
}

/** A message of support as an admin reads it. */
export interface AdminMessageRow {
  id: string;
  name: string;
  town: string | null;
  organisation: string | null;
  message: string;
  messagePublic: boolean;
  status: MessageStatus;
  signedAt: Date;
  publishedAt: Date | null;
}

export interface UpdateRecipientRow {
  id: string;
  email: string;
  name: string;
}

const ADMIN_MESSAGE_COLUMNS = `id, name, town, organisation, message, message_public AS "messagePublic", message_status AS status,
  confirmed_at AS "signedAt", message_published_at AS "publishedAt"`;

/**
 * The statement feature's queries, by name. This feature is the one writer of
 * statement_signatures and statement_tokens (the retention job only deletes
 * signatures never confirmed and links long spent).
 */
@Injectable()
export class StatementRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The signature for `email` (any case), locked for the caller's transaction. */
  async lockByEmail(manager: EntityManager, email: string): Promise<Signature | null> {
    return manager
      .getRepository(Signature)
      .createQueryBuilder('s')
      .where('lower(s.email) = lower(:email)', { email })
      .setLock('pessimistic_write')
      .getOne();
  }

  /**
   * A new, unconfirmed signature for `email`, or undefined when one appeared
   * meanwhile (a concurrent signing of the same address): the caller reads it.
   */
  async insertUnconfirmed(manager: EntityManager, email: string, choices: SignatureChoices): Promise<string | undefined> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO statement_signatures (email, name, town, organisation, show_name, updates, message, message_public)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (lower(email)) DO NOTHING RETURNING id`,
      [email, choices.name, choices.town, choices.organisation, choices.showName, choices.updates, choices.message, choices.messagePublic],
    );
    return rows[0]?.id;
  }

  async insertToken(
    manager: EntityManager,
    token: { signatureId: string; purpose: StatementTokenPurpose; tokenHash: string; expiresAt: Date; choices?: SignatureChoices },
  ): Promise<void> {
    await manager.getRepository(StatementToken).insert({ ...token, choices: token.choices ?? null });
  }

  /**
   * Spends a confirmation link: exactly one caller gets its row back, however
   * many send it at once (a conditional update); used, expired or unknown: undefined.
   */
  async spendConfirmToken(manager: EntityManager, tokenHash: string, now: Date): Promise<{ signatureId: string; choices: SignatureChoices } | undefined> {
    const [rows] = (await manager.query(
      `UPDATE statement_tokens SET used_at = $2
        WHERE token_hash = $1 AND purpose = 'confirm' AND used_at IS NULL AND expires_at > $2
        RETURNING signature_id AS "signatureId", choices`,
      [tokenHash, now],
    )) as Returned<{ signatureId: string; choices: SignatureChoices }>;
    return rows[0];
  }

  /** The choices a live confirmation link would apply, without spending it (to show them before the button). */
  async peekConfirmToken(tokenHash: string, now: Date): Promise<SignatureChoices | undefined> {
    const rows: { choices: SignatureChoices }[] = await this.dataSource.query(
      `SELECT choices FROM statement_tokens WHERE token_hash = $1 AND purpose = 'confirm' AND used_at IS NULL AND expires_at > $2`,
      [tokenHash, now],
    );
    return rows[0]?.choices;
  }

  /**
   * The signature a live link of `purpose` belongs to (withdraw and data links
   * may be opened more than once), locked when the caller's transaction is to change it.
   */
  async findByToken(manager: EntityManager, purpose: StatementTokenPurpose, tokenHash: string, now: Date, lock = false): Promise<Signature | null> {
    const query = manager
      .getRepository(Signature)
      .createQueryBuilder('s')
      .innerJoin(StatementToken, 't', 't.signature_id = s.id')
      .where('t.token_hash = :tokenHash AND t.purpose = :purpose AND t.used_at IS NULL AND t.expires_at > :now', { tokenHash, purpose, now });
    return (lock ? query.setLock('pessimistic_write', undefined, ['s']) : query).getOne();
  }

  /**
   * Applies confirmed choices. A changed message, or one whose author no
   * longer allows publication, goes back to waiting for an admin: nothing is
   * public that the author did not confirm and an admin did not publish.
   */
  async applyChoices(manager: EntityManager, id: string, choices: SignatureChoices, now: Date): Promise<void> {
    await manager.query(
      `UPDATE statement_signatures SET
         name = $2, town = $3, organisation = $4, show_name = $5, updates = $6,
         message_status = CASE WHEN message IS DISTINCT FROM $7 OR NOT $8 THEN 'pending' ELSE message_status END,
         message_published_at = CASE WHEN message IS DISTINCT FROM $7 OR NOT $8 THEN NULL ELSE message_published_at END,
         message = $7, message_public = $8,
         confirmed_at = COALESCE(confirmed_at, $9), updated_at = now()
       WHERE id = $1`,
      [id, choices.name, choices.town, choices.organisation, choices.showName, choices.updates, choices.message, choices.messagePublic, now],
    );
  }

  async deleteSignature(manager: EntityManager, id: string): Promise<boolean> {
    const [, n] = (await manager.query('DELETE FROM statement_signatures WHERE id = $1', [id])) as Returned<unknown>;
    return n > 0;
  }

  async countConfirmed(): Promise<number> {
    const [{ n }] = (await this.dataSource.query('SELECT count(*)::int AS n FROM statement_signatures WHERE confirmed_at IS NOT NULL')) as { n: number }[];
    return n;
  }

  /** Confirmed signatures whose signers chose to be listed, newest first. */
  async findListed(): Promise<ListedSignatureRow[]> {
    return this.dataSource.query(
      `SELECT id, name, town, organisation, confirmed_at AS "confirmedAt" FROM statement_signatures
        WHERE confirmed_at IS NOT NULL AND show_name ORDER BY confirmed_at DESC, id`,
    );
  }

  /** Published messages (their authors allowed it), newest first; the name only when the signer is listed. */
  async findPublishedMessages(): Promise<PublishedMessageRow[]> {
    return this.dataSource.query(
      `SELECT id, CASE WHEN show_name THEN name END AS name, message, message_published_at AS "publishedAt" FROM statement_signatures
        WHERE confirmed_at IS NOT NULL AND message IS NOT NULL AND message_public AND message_status = ANY($1)
        ORDER BY message_published_at DESC, id`,
      [PUBLIC_MESSAGE_STATUSES],
    );
  }

  /** Messages of confirmed signatures for the admin queue, newest first, one status or all. */
  async findMessagesForAdmin(status?: MessageStatus): Promise<AdminMessageRow[]> {
    return this.dataSource.query(
      `SELECT ${ADMIN_MESSAGE_COLUMNS} FROM statement_signatures
        WHERE confirmed_at IS NOT NULL AND message IS NOT NULL AND ($1::text IS NULL OR message_status = $1)
        ORDER BY confirmed_at DESC, id`,
      [status ?? null],
    );
  }

  /** Counts per status, for the queue's filter. */
  async countMessagesByStatus(): Promise<Record<MessageStatus, number>> {
    const rows: { status: MessageStatus; n: number }[] = await this.dataSource.query(
      `SELECT message_status AS status, count(*)::int AS n FROM statement_signatures
        WHERE confirmed_at IS NOT NULL AND message IS NOT NULL GROUP BY message_status`,
    );
    const counts = Object.fromEntries(Object.keys(MESSAGE_STATUS).map((s) => [s, 0])) as Record<MessageStatus, number>;
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  async lockMessage(manager: EntityManager, id: string): Promise<AdminMessageRow | undefined> {
    const rows: AdminMessageRow[] = await manager.query(
      `SELECT ${ADMIN_MESSAGE_COLUMNS} FROM statement_signatures
        WHERE id = $1 AND confirmed_at IS NOT NULL AND message IS NOT NULL FOR UPDATE`,
      [id],
    );
    return rows[0];
  }

  async setMessageStatus(manager: EntityManager, id: string, status: MessageStatus, now: Date): Promise<void> {
    await manager.query(
      `UPDATE statement_signatures SET message_status = $2::varchar,
         message_published_at = CASE WHEN $2::varchar = 'published' THEN COALESCE(message_published_at, $3) ELSE NULL END, updated_at = now()
       WHERE id = $1`,
      [id, status, now],
    );
  }

  async findUpdateRecipients(): Promise<UpdateRecipientRow[]> {
    return this.dataSource.query(
      'SELECT id, email, name FROM statement_signatures WHERE confirmed_at IS NOT NULL AND updates ORDER BY confirmed_at, id',
    );
  }

  async findIdByEmail(email: string): Promise<string | null> {
    const rows = (await this.dataSource.query('SELECT id FROM statement_signatures WHERE lower(email) = lower($1)', [email])) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** True when it turned updates off (false: already off, or no such signature). */
  async stopUpdates(manager: EntityManager, id: string): Promise<boolean> {
    const rows = (await manager.query('UPDATE statement_signatures SET updates = false, updated_at = now() WHERE id = $1 AND updates RETURNING id', [id])) as unknown[];
    return rows.length > 0;
  }
}
