import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

export const DOWNLOAD_VARIANTS = ['generic', 'personalised'] as const;
export type DownloadVariant = (typeof DOWNLOAD_VARIANTS)[number];

/**
 * How many times a document was downloaded on a day: the only trace a
 * download leaves. Nothing about who downloaded it, or what they typed.
 */
@Entity({ name: 'document_downloads' })
@Check('ck_document_downloads_variant', `"variant" IN ('generic', 'personalised')`)
@Check('ck_document_downloads_count', '"count" >= 0')
export class DocumentDownload {
  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'pk_document_downloads' })
  kind!: string;

  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_document_downloads' })
  variant!: DownloadVariant;

  /** The day in London. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_document_downloads' })
  day!: string;

  @Column({ type: 'integer', default: 0 })
  count!: number;
}
