import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '../../users/user.entity';
import type { DocumentKind } from '../document-kinds';

/**
 * One version of a document's template. Rows are only ever added: rendering
 * uses the highest version of a kind, and a download can name the version it
 * came from. The files in `templates/` are each kind's first version.
 */
@Entity({ name: 'document_template_versions' })
@Unique('uq_document_template_versions_kind_version', ['kind', 'version'])
@Check('ck_document_template_versions_version', '"version" >= 1')
export class DocumentTemplateVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_document_template_versions' })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: DocumentKind;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** The template's Markdown, without front matter. */
  @Column({ type: 'text' })
  body!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** The admin who wrote this version; null for versions seeded from `templates/`. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_document_template_versions_created_by' })
  creator?: User | null;
}
