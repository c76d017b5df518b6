import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { sqlLiterals } from '../database/sql-literals';
import { EmailUpdate } from './email-update.entity';
import { UPDATE_AUDIENCE_KEYS, type UpdateAudienceKey } from './update-audience';

/**
 * One recipient of one update, snapshotted when the update is sent: the
 * address (lower-cased, once per update whatever the audiences), and from
 * which audience and whom (`ref`) it came, so an unsubscribe link reaches the
 * audience that owns the person. The token in the email's links is stored
 * only as its SHA-256, set in the transaction that queues the email. The
 * address and name go RETENTION_UPDATE_ADDRESS_DAYS after sending; the row
 * (and so the link) stays.
 */
@Entity({ name: 'email_update_deliveries' })
@Unique('uq_email_update_deliveries_update_email', ['updateId', 'email'])
@Unique('uq_email_update_deliveries_token_hash', ['tokenHash'])
@Index('ix_email_update_deliveries_sent_at', ['sentAt'])
@Check('ck_email_update_deliveries_audience', `"audience" IN (${sqlLiterals(UPDATE_AUDIENCE_KEYS)})`)
@Check('ck_email_update_deliveries_sent', '("sent_at" IS NULL) = ("token_hash" IS NULL)')
export class EmailUpdateDelivery {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_email_update_deliveries' })
  id!: string;

  @Column({ name: 'update_id', type: 'uuid' })
  updateId!: string;

  @ManyToOne(() => EmailUpdate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'update_id', foreignKeyConstraintName: 'fk_email_update_deliveries_update' })
  update?: Relation<EmailUpdate>;

  @Column({ type: 'varchar', length: 16 })
  audience!: UpdateAudienceKey;

  @Column({ type: 'varchar', length: 64 })
  ref!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  name!: string | null;

  @Column({ name: 'token_hash', type: 'char', length: 64, nullable: true })
  tokenHash!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'unsubscribed_at', type: 'timestamptz', nullable: true })
  unsubscribedAt!: Date | null;
}
