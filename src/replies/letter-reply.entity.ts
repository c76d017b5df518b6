import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { sqlLiterals } from '../database/sql-literals';
import { Timestamped } from '../database/timestamped.entity';
import { PoliceArea } from '../police-areas/police-area.entity';
import { LETTER_KINDS, type LetterKind } from './letter-kinds';
import { REPLY_STANCES, REPLY_STATUSES, type ReplyStance, type ReplyStatus } from './reply-status';

/**
 * A reply a writer told the campaign about. Counted in the public tallies only
 * once an admin publishes it, and then only as counts: the representative's
 * name, the summary and the writer's address are never public. The address
 * (optional, for the campaign to follow up) goes after
 * RETENTION_REPLY_ADDRESS_DAYS.
 */
@Entity({ name: 'letter_replies' })
@Index('ix_letter_replies_status_created_at', ['status', 'createdAt'])
@Index('ix_letter_replies_police_area_key', ['policeAreaKey'])
@Check('ck_letter_replies_kind', `"kind" IN (${sqlLiterals(LETTER_KINDS)})`)
@Check('ck_letter_replies_stance', `"stance" IN (${sqlLiterals(REPLY_STANCES)})`)
@Check('ck_letter_replies_status', `"status" IN (${sqlLiterals(REPLY_STATUSES)})`)
export class LetterReply extends Timestamped {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_letter_replies' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: LetterKind;

  @Column({ name: 'representative_name', type: 'varchar', length: 120 })
  representativeName!: string;

  /** The constituency, ward or area as the writer gave it (for a PCC, the police force area's name). */
  @Column({ type: 'varchar', length: 120, nullable: true })
  area!: string | null;

  /** For a PCC's reply: the police force area it is counted under. */
  @Column({ name: 'police_area_key', type: 'varchar', length: 64, nullable: true })
  policeAreaKey!: string | null;

  @ManyToOne(() => PoliceArea, { onDelete: 'SET NULL', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'police_area_key', referencedColumnName: 'key', foreignKeyConstraintName: 'fk_letter_replies_police_area' })
  policeArea?: PoliceArea;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn!: string;

  @Column({ type: 'varchar', length: 16 })
  stance!: ReplyStance;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: ReplyStatus;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
