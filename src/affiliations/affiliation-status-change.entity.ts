import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Affiliation } from './affiliation.entity';

/** The history of an affiliation: one row per transition, written in the transition's transaction. */
@Entity({ name: 'affiliation_status_changes' })
@Index('ix_affiliation_status_changes_affiliation', ['affiliationId', 'createdAt'])
export class AffiliationStatusChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_affiliation_status_changes' })
  id!: string;

  @Column({ name: 'affiliation_id', type: 'uuid' })
  affiliationId!: string;

  @ManyToOne(() => Affiliation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'affiliation_id', foreignKeyConstraintName: 'fk_affiliation_status_changes_affiliation' })
  affiliation?: Relation<Affiliation>;

  @Column({ name: 'from_status', type: 'varchar', length: 24, nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 24 })
  toStatus!: string;

  @Column({ type: 'varchar', length: 32 })
  action!: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true })
  actorRole!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
