import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { sqlLiterals } from '../database/sql-literals';
import { FOLLOW_UP_ANSWERS, type FollowUpAnswer } from './follow-up-answer';
import { LETTER_KINDS, type LetterKind } from './letter-kinds';

/**
 * A writer's request for the "did they reply?" email, two weeks after their
 * letter. Holds the address, the kind of recipient and the area, nothing
 * else about the letter. The address goes once answered, or
 * RETENTION_FOLLOW_UP_ADDRESS_DAYS after the letter; the answer stays, for
 * the tallies, with no one's address.
 */
@Entity({ name: 'letter_follow_ups' })
@Index('ix_letter_follow_ups_due_at', ['dueAt'])
@Index('ix_letter_follow_ups_written_at', ['writtenAt'])
@Index('uq_letter_follow_ups_token_hash', ['tokenHash'], { unique: true })
@Index('uq_letter_follow_ups_pending', { synchronize: false })
@Check('ck_letter_follow_ups_kind', `"kind" IN (${sqlLiterals(LETTER_KINDS)})`)
@Check('ck_letter_follow_ups_answer', `"answer" IN (${sqlLiterals(FOLLOW_UP_ANSWERS)})`)
export class LetterFollowUp {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_letter_follow_ups' })
  id!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'varchar', length: 32 })
  kind!: LetterKind;

  /** The constituency, ward or police force area the letter named, if any. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  area!: string | null;

  /** Null once answered, or once kept as long as the retention rule allows. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /** When the letter was written (the portal's clock). */
  @Column({ name: 'written_at', type: 'timestamptz' })
  writtenAt!: Date;

  /** When the questionnaire is due: two weeks after the letter. */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** SHA-256 of the emailed link's token; set when the email is queued. */
  @Column({ name: 'token_hash', type: 'char', length: 64, nullable: true })
  tokenHash!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  answer!: FollowUpAnswer | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;
}
