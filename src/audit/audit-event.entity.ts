import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did what to what, and when. Rows are only ever inserted; the one change
 * is the retention job forgetting `ip` after RETENTION_AUDIT_IP_DAYS. No
 * secrets: summaries hold field names and non-sensitive values only.
 */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_created_at', ['createdAt'])
@Index('ix_audit_events_action_created_at', ['action', 'createdAt'])
@Index('ix_audit_events_subject', ['subjectType', 'subjectId'])
@Index('ix_audit_events_actor', ['actorId'])
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_audit_events' })
  id!: string;

  /** Null for the system (scheduled jobs) or an anonymous visitor. Kept when the user is deleted. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true })
  actorRole!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 32, nullable: true })
  subjectType!: string | null;

  @Column({ name: 'subject_id', type: 'varchar', length: 64, nullable: true })
  subjectId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  summary!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
