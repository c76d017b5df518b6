import { Check, Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * Membership range → yearly fee. Seeded with the campaign's defaults by the
 * CreateBranches migration; admins edit them (FeeBandsService). `max_members`
 * is derived from the next band's start and kept by FeeBandsService (null:
 * open-ended); `for_regional_bodies` marks the band regional and national
 * bodies pay.
 */
@Entity({ name: 'fee_bands' })
@Unique('uq_fee_bands_min_members', ['minMembers'])
@Check('ck_fee_bands_min_members', '"min_members" >= 1')
@Check('ck_fee_bands_amount_pence', '"amount_pence" >= 0')
export class FeeBand {
  @PrimaryGeneratedColumn('increment', { type: 'integer', primaryKeyConstraintName: 'pk_fee_bands' })
  id!: number;

  @Column({ type: 'varchar', length: 120 })
  label!: string;

  @Column({ name: 'min_members', type: 'integer' })
  minMembers!: number;

  @Column({ name: 'max_members', type: 'integer', nullable: true })
  maxMembers!: number | null;

  @Column({ name: 'amount_pence', type: 'integer' })
  amountPence!: number;

  @Column({ name: 'for_regional_bodies', type: 'boolean', default: false })
  forRegionalBodies!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
