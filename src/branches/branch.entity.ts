import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Timestamped } from '../database/timestamped.entity';
import { User } from '../users/user.entity';

/**
 * A union branch. `union_key` is the union's key, or `other:<normalised name>`
 * for a union not on the list, so the duplicate guard also covers those.
 */
@Entity({ name: 'branches' })
@Index('uq_branches_union_normalised_name', ['unionKey', 'normalisedName'], { unique: true })
@Index('uq_branches_union_normalised_code', ['unionKey', 'normalisedCode'], { unique: true, where: '"normalised_code" IS NOT NULL' })
@Index('ix_branches_secretary', ['secretaryId'])
@Index('ix_branches_public_name', ['publicName'])
@Index('ix_branches_union_region', ['union', 'region'])
@Index('ix_branches_region', ['region'])
// The admins' search by name (branch-search.ts): a GIN index on an expression, made by hand in AddBranchSearchIndex.
@Index('ix_branches_search', { synchronize: false })
export class Branch extends Timestamped {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_branches' })
  id!: string;

  /** A key from unions.ts, or "other". */
  @Column({ type: 'varchar', length: 32 })
  union!: string;

  @Column({ name: 'union_other', type: 'varchar', length: 120, nullable: true })
  unionOther!: string | null;

  @Column({ name: 'union_key', type: 'varchar', length: 160 })
  unionKey!: string;

  @Column({ type: 'varchar', length: 150 })
  name!: string;

  @Column({ name: 'normalised_name', type: 'varchar', length: 150 })
  normalisedName!: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  code!: string | null;

  @Column({ name: 'normalised_code', type: 'varchar', length: 40, nullable: true })
  normalisedCode!: string | null;

  @Column({ type: 'varchar', length: 32 })
  region!: string;

  @Column({ name: 'membership_size', type: 'integer' })
  membershipSize!: number;

  /** A regional or national body pays the top band whatever its size. */
  @Column({ name: 'regional_body', type: 'boolean', default: false })
  regionalBody!: boolean;

  @Column({ name: 'public_name', type: 'varchar', length: 200 })
  publicName!: string;

  /** Consent to appear on the public list: the time and the exact words agreed to, kept when withdrawn. */
  @Column({ name: 'list_publicly', type: 'boolean', default: false })
  listPublicly!: boolean;

  @Column({ name: 'list_consent_at', type: 'timestamptz', nullable: true })
  listConsentAt!: Date | null;

  @Column({ name: 'list_consent_wording', type: 'text', nullable: true })
  listConsentWording!: string | null;

  @Column({ name: 'list_consent_withdrawn_at', type: 'timestamptz', nullable: true })
  listConsentWithdrawnAt!: Date | null;

  /** Postal address for letters; never shown publicly. */
  @Column({ type: 'text', nullable: true })
  address!: string | null;

  /** Who typed the address: it is their personal data, erased with their account. */
  @Column({ name: 'address_entered_by', type: 'uuid', nullable: true })
  addressEnteredBy!: string | null;

  /**
   * Set when the secretary who gave the branch's public name and its consent
   * to be listed deleted their account: the branch is off the list until the
   * next secretary confirms both.
   */
  @Column({ name: 'public_details_unconfirmed_since', type: 'timestamptz', nullable: true })
  publicDetailsUnconfirmedSince!: Date | null;

  /** Null once the secretary deleted their account: an admin reassigns the branch. */
  @Column({ name: 'secretary_id', type: 'uuid', nullable: true })
  secretaryId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'secretary_id', foreignKeyConstraintName: 'fk_branches_secretary' })
  secretary?: Relation<User> | null;
}
