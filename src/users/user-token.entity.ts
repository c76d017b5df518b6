import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { User } from './user.entity';

export const TOKEN_PURPOSES = ['verify_email', 'reset_password', 'change_email', 'admin_invite', 'admin_setup'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/**
 * Single-use links sent by email. Only a SHA-256 of the token is stored, so a
 * database leak does not hand out working links.
 */
@Entity({ name: 'user_tokens' })
@Unique('uq_user_tokens_hash', ['tokenHash'])
@Index('ix_user_tokens_user_purpose', ['userId', 'purpose'])
export class UserToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_user_tokens' })
  id!: string;

  /** Null for admin invitations and the first-admin setup link, which precede the account. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_tokens_user' })
  user?: Relation<User> | null;

  @Column({ type: 'varchar', length: 32 })
  purpose!: TokenPurpose;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  /** Purpose-specific details, e.g. the new address for an email change. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, string>;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
