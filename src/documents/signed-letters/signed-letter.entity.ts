import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Branch } from '../../branches/branch.entity';
import { sqlLiterals } from '../../database/sql-literals';
import { User } from '../../users/user.entity';
import { SIGNED_LETTER_MEDIA_TYPES, type SignedLetterMediaType } from './signed-letter-content';

/**
 * The affiliation letter a branch signed and uploaded for one affiliation
 * year: the branch's document, kept in PostgreSQL with the rest of its
 * record. A new upload for the same year replaces it. Who uploaded it is kept
 * while their account exists; the name they gave the file only until they
 * erase their account (it may hold their own name).
 */
@Entity({ name: 'signed_letters' })
@Unique('uq_signed_letters_branch_year', ['branchId', 'affiliationYear'])
@Index('ix_signed_letters_affiliation_year', ['affiliationYear'])
@Index('ix_signed_letters_uploaded_by', ['uploadedBy'])
@Check('ck_signed_letters_media_type', `"media_type" IN (${sqlLiterals(SIGNED_LETTER_MEDIA_TYPES)})`)
@Check('ck_signed_letters_size_bytes', '"size_bytes" > 0 AND "size_bytes" = octet_length("content")')
export class SignedLetter {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_signed_letters' })
  id!: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @ManyToOne(() => Branch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_signed_letters_branch' })
  branch?: Relation<Branch>;

  @Column({ name: 'affiliation_year', type: 'integer' })
  affiliationYear!: number;

  /** The type its first bytes show, whatever its name or the browser said. */
  @Column({ name: 'media_type', type: 'varchar', length: 40 })
  mediaType!: SignedLetterMediaType;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  /** Hex SHA-256 of the content: tells two uploads apart without opening them. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** The file's name as it was uploaded, cleaned, for admins to recognise it; never used to serve it. */
  @Column({ name: 'file_name', type: 'varchar', length: 120, nullable: true })
  fileName!: string | null;

  /** Loaded only when the file itself is sent. */
  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'fk_signed_letters_uploaded_by' })
  uploader?: Relation<User> | null;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}
