import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { sqlLiterals } from '../database/sql-literals';
import { Timestamped } from '../database/timestamped.entity';
import { MESSAGE_STATUSES, type MessageStatus } from './message-status';

/**
 * One person's (or group's) signature of Where We Stand. It counts only once
 * confirmed through the emailed link. The email is never published; the name
 * and town only when `showName`; the message only once an admin publishes it,
 * and only when `messagePublic`.
 */
@Entity({ name: 'statement_signatures' })
@Index('uq_statement_signatures_email', { synchronize: false })
@Index('ix_statement_signatures_confirmed_at', ['confirmedAt'])
@Index('ix_statement_signatures_created_at', ['createdAt'])
@Check('ck_statement_signatures_message_status', `"message_status" IN (${sqlLiterals(MESSAGE_STATUSES)})`)
export class Signature extends Timestamped {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_statement_signatures' })
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** Stored as typed; unique whatever its case (uq_statement_signatures_email, on lower(email)). */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 80, nullable: true })
  town!: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  organisation!: string | null;

  @Column({ name: 'show_name', type: 'boolean', default: false })
  showName!: boolean;

  @Column({ type: 'boolean', default: false })
  updates!: boolean;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ name: 'message_public', type: 'boolean', default: false })
  messagePublic!: boolean;

  @Column({ name: 'message_status', type: 'varchar', length: 16, default: 'pending' })
  messageStatus!: MessageStatus;

  @Column({ name: 'message_published_at', type: 'timestamptz', nullable: true })
  messagePublishedAt!: Date | null;

  /** When the signature was first confirmed; null until then (and deleted after a week if never). */
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;
}
