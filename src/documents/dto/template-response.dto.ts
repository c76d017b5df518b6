import { ApiProperty } from '@nestjs/swagger';
import { DOCUMENT_KINDS, PLACEHOLDER_TYPES, type DocumentKind, type PlaceholderType } from '../document-kinds';
import type { TemplateVersionRow } from '../document-templates.repository';
import type { PlaceholderRow, SavedVersion, TemplateKindSummary } from '../template-editor.service';

const KIND = { enum: DOCUMENT_KINDS, enumName: 'DocumentKind', example: 'model-motion' } as const;

/** A document the portal produces, with its current template version. */
export class DocumentTemplateDto {
  @ApiProperty(KIND)
  kind!: DocumentKind;

  @ApiProperty({ example: 'Model motion' })
  label!: string;

  @ApiProperty({ type: 'integer', nullable: true, example: 3, description: 'The current version; null before the first is stored' })
  version!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'Model motion for trade union branches' })
  title!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the current version was saved' })
  savedAt!: Date | null;

  static from(k: TemplateKindSummary): DocumentTemplateDto {
    return { kind: k.kind, label: k.label, version: k.version, title: k.title, savedAt: k.savedAt };
  }
}

/** A value a template can name, filled in for each branch. */
export class PlaceholderDto {
  @ApiProperty({ example: 'branch.name' })
  name!: string;

  @ApiProperty({ example: '{{branch.name}}', description: 'As written in the text' })
  token!: string;

  @ApiProperty({
    enum: PLACEHOLDER_TYPES,
    enumName: 'PlaceholderType',
    example: 'text',
    description: 'text (one line), multiline (line breaks kept), date (written "14 March 2026") or money (written "£25")',
  })
  type!: PlaceholderType;

  @ApiProperty({ example: "The branch's name" })
  description!: string;
}

/** A document and the placeholders its template may use. */
export class DocumentTemplateDetailDto extends DocumentTemplateDto {
  @ApiProperty({ type: [PlaceholderDto] })
  placeholders!: PlaceholderDto[];

  static detail(k: TemplateKindSummary & { placeholders: PlaceholderRow[] }): DocumentTemplateDetailDto {
    return {
      ...DocumentTemplateDto.from(k),
      placeholders: k.placeholders.map((p) => ({ name: p.name, token: p.token, type: p.type, description: p.description })),
    };
  }
}

/** A version as the version history lists it, without its text. */
export class TemplateVersionSummaryDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 })
  version!: number;

  @ApiProperty({ example: 'Model motion for trade union branches' })
  title!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The admin who wrote it; null for a version seeded from the files, or by a deleted account' })
  createdById!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Ada Admin' })
  createdByName!: string | null;

  static from(v: TemplateVersionRow): TemplateVersionSummaryDto {
    return { version: v.version, title: v.title, createdAt: v.createdAt, createdById: v.createdById, createdByName: v.createdByName };
  }
}

/** A version as stored. */
export class SavedTemplateVersionDto {
  @ApiProperty(KIND)
  kind!: DocumentKind;

  @ApiProperty({ type: 'integer', minimum: 1, example: 4 })
  version!: number;

  @ApiProperty({ example: 'Model motion for trade union branches' })
  title!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  static from(v: SavedVersion): SavedTemplateVersionDto {
    return { kind: v.kind, version: v.version, title: v.title, createdAt: v.createdAt };
  }
}

/** A version with its text. */
export class TemplateVersionDetailDto extends SavedTemplateVersionDto {
  @ApiProperty({ example: '# Model motion\n\nThis branch of {{union}}, {{branch.name}}, …', description: 'Markdown with placeholders' })
  body!: string;
}

/** The new version that holds an earlier version's text. */
export class RevertedTemplateVersionDto extends SavedTemplateVersionDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 2, description: 'The version whose text it holds' })
  revertedFrom!: number;
}

export class TemplatePreviewDto {
  @ApiProperty({ example: '<h3>Motion for <mark class="placeholder-value">Bristol Central</mark></h3>', description: 'HTML of the text filled with sample values, escaped' })
  html!: string;
}
