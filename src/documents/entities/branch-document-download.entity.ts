import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Branch } from '../../branches/branch.entity';
import { User } from '../../users/user.entity';

/**
 * A document a branch downloaded, pre-filled from its details: which kind and
 * which template version, so an admin can tell what wording the branch has.
 * The user is kept while their account exists; the row outlives it.
 */
@Entity({ name: 'branch_document_downloads' })
@Index('ix_branch_document_downloads_branch_downloaded_at', ['branchId', 'downloadedAt'])
export class BranchDocumentDownload {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_branch_document_downloads' })
  id!: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @ManyToOne(() => Branch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_branch_document_downloads_branch' })
  branch?: Relation<Branch>;

  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_branch_document_downloads_user' })
  user?: Relation<User> | null;

  @CreateDateColumn({ name: 'downloaded_at', type: 'timestamptz' })
  downloadedAt!: Date;
}
