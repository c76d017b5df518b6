import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { sqlLiterals } from '../database/sql-literals';
import { Timestamped } from '../database/timestamped.entity';
import { BODY_KINDS, type BodyKind } from './police-area-kinds';

/**
 * One police force area of the UK and the body that holds its force to
 * account. Seeded by the CreatePoliceAreas migration; admins correct names
 * and bodies (elections and mayoral transfers change them), never the key,
 * which letters and reply tallies refer to.
 */
@Entity({ name: 'police_areas' })
@Index('uq_police_areas_name', ['name'], { unique: true })
@Check('ck_police_areas_body_kind', `"body_kind" IN (${sqlLiterals(BODY_KINDS)})`)
@Check('ck_police_areas_key', `"key" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
export class PoliceArea extends Timestamped {
  /** A stable slug (`avon-and-somerset`). */
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_police_areas' })
  key!: string;

  /** The force area as people know it (`Avon and Somerset`). */
  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** Whom to write to (`Avon and Somerset Police and Crime Commissioner`). */
  @Column({ name: 'accountable_body', type: 'varchar', length: 160 })
  accountableBody!: string;

  @Column({ name: 'body_kind', type: 'varchar', length: 16 })
  bodyKind!: BodyKind;
}
