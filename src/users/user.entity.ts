import {
  Check,
  Column,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Timestamped } from '../database/timestamped.entity';
import { ROLES, type Role } from '../common/access';
import { sqlLiterals } from '../database/sql-literals';


@Entity({ name: 'users' })
@Unique('uq_users_email', ['email'])
@Check('ck_users_role', `"role" IN (${sqlLiterals(ROLES)})`)
export class User extends Timestamped {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id!: string;

  /** Stored lower-cased, so uniqueness is case-insensitive. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 16, default: 'secretary' })
  role!: Role;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  /** Base32 TOTP secret; set once the second factor is enrolled and confirmed. */
  @Column({ name: 'totp_secret', type: 'varchar', length: 64, nullable: true })
  totpSecret!: string | null;

  /** The last TOTP time step accepted, so a code cannot be replayed. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep!: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt!: Date;

  /** Whether a branch secretary receives the campaign's email updates (My account turns them off and on). */
  @Column({ name: 'email_updates', type: 'boolean', default: true })
  emailUpdates!: boolean;
}
