import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { sqlLiterals } from '../database/sql-literals';
import { AFFILIATION_STATUSES, type AffiliationStatus } from './affiliation-status';
import { AFFILIATION_ACTIONS, type AffiliationAction } from './affiliation-transitions';
import { Affiliation } from './affiliation.entity';

/** The history of an affiliation: one row per transition, written in the transition's transaction. */
@Entity({ name: 'affiliation_status_changes' })
@Index('ix_affiliation_status_changes_affiliation', ['affiliationId', 'createdAt'])
@Check('ck_affiliation_status_changes_from_status', `"from_status" IS NULL OR "from_status" IN (${sqlLiterals(AFFILIATION_STATUSES)})`)
@Check('ck_affiliation_status_changes_to_status', `"to_status" IN (${sqlLiterals(AFFILIATION_STATUSES)})`)
@Check('ck_affiliation_status_changes_action', `"action" IN (${sqlLiterals(AFFILIATION_ACTIONS)})`)
export class AffiliationStatusChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_affiliation_status_changes' })
  id!: string;

  @Column({ name: 'affiliation_id', type: 'uuid' })
  affiliationId!: string;

  @ManyToOne(() => Affiliation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'affiliation_id', foreignKeyConstraintName: 'fk_affiliation_status_changes_affiliation' })
  affiliation?: Relation<Affiliation>;

  @Column({ name: 'from_status', type: 'varchar', length: 24, nullable: true })
  fromStatus!: AffiliationStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 24 })
  toStatus!: AffiliationStatus;

  @Column({ type: 'varchar', length: 32 })
  action!: AffiliationAction;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true })
  actorRole!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
