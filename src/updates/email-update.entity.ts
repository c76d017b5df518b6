import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { User } from '../users/user.entity';
import type { UpdateAudienceKey } from './update-audience';

/**
 * An email update an admin wrote and sent. The counts stay when the delivery
 * rows lose their addresses (retention): how many it went to, how many are
 * out, and when the last one was.
 */
@Entity({ name: 'email_updates' })
@Index('ix_email_updates_created_by', ['createdBy'])
@Index('ix_email_updates_created_at', ['createdAt'])
@Unique('uq_email_updates_request_key', ['requestKey'])
@Check('ck_email_updates_counts', '"sent_count" >= 0 AND "sent_count" <= "recipient_count"')
export class EmailUpdate {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_email_updates' })
  id!: string;

  @Column({ type: 'varchar', length: 150 })
  subject!: string;

  /** Markdown, as the admin wrote it. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 16, array: true })
  audiences!: UpdateAudienceKey[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_email_updates_created_by' })
  author?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'recipient_count', type: 'integer' })
  recipientCount!: number;

  @Column({ name: 'sent_count', type: 'integer', default: 0 })
  sentCount!: number;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /**
   * The queued job that sends the next batch: only that job may. A job run
   * again after a crash that came after its batch committed (which had queued
   * the next job already) finds another id here and stops, so an update never
   * has two chains of batches. Null once complete.
   */
  @Column({ name: 'batch_job_id', type: 'uuid', nullable: true })
  batchJobId!: string | null;

  /** The sender's key for the request that created it: the same key again sends nothing (a double click, a retried request). */
  @Column({ name: 'request_key', type: 'uuid', nullable: true })
  requestKey!: string | null;
}
