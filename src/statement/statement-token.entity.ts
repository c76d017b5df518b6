import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { sqlLiterals } from '../database/sql-literals';
import { Signature } from './signature.entity';

export const STATEMENT_TOKEN_PURPOSES = ['confirm', 'withdraw', 'data'] as const;
export type StatementTokenPurpose = (typeof STATEMENT_TOKEN_PURPOSES)[number];

/** The choices a signing asked for, applied only when its emailed link is confirmed. */
export interface SignatureChoices {
  name: string;
  town: string | null;
  organisation: string | null;
  showName: boolean;
  updates: boolean;
  message: string | null;
  messagePublic: boolean;
}

/**
 * A link emailed about a signature, stored as a SHA-256 of its 256 random
 * bits: confirming a signing (with the choices it asked for, so a stranger
 * who types someone's address changes nothing until its owner confirms),
 * withdrawing, or reaching one's data. Goes with its signature.
 */
@Entity({ name: 'statement_tokens' })
@Index('ix_statement_tokens_signature_id', ['signatureId'])
@Check('ck_statement_tokens_purpose', `"purpose" IN (${sqlLiterals(STATEMENT_TOKEN_PURPOSES)})`)
export class StatementToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_statement_tokens' })
  id!: string;

  @Column({ name: 'signature_id', type: 'uuid' })
  signatureId!: string;

  @ManyToOne(() => Signature, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'signature_id', foreignKeyConstraintName: 'fk_statement_tokens_signature' })
  signature?: Relation<Signature>;

  @Column({ type: 'varchar', length: 16 })
  purpose!: StatementTokenPurpose;

  @Index('uq_statement_tokens_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'jsonb', nullable: true })
  choices!: SignatureChoices | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
