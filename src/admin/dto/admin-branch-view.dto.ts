import { ApiProperty } from '@nestjs/swagger';
import { AFFILIATION_ACTIONS, type AffiliationAction } from '../../affiliations/affiliation-transitions';
import { AFFILIATION_STATUSES, type AffiliationStatus } from '../../affiliations/affiliation-status';
import type { HistoryRow } from '../../affiliations/affiliations.repository';
import { AFFILIATION_STATUS, AffiliationResponseDto } from '../../affiliations/dto/affiliation-response.dto';
import { SECRETARY_CHANGE_REASONS, type SecretaryChangeReason } from '../../branches/branch-secretary-change.entity';
import { AdminNoteDto } from '../../branches/dto/admin-note.dto';
import { BranchResponseDto } from '../../branches/dto/branch-response.dto';
import { DOCUMENT_KINDS, type DocumentKind } from '../../documents/document-kinds';
import { SignedLetterDto } from '../../documents/signed-letters/dto/signed-letter.dto';
import type { AdminBranchView } from '../admin.service';

const SERIAL = { type: String, pattern: '^[1-9][0-9]*$', description: 'A row number (history rows are numbered, not uuids)' } as const;

/** Who looks after the branch now: admins only. */
export interface BranchSecretary {
  name: string;
  email: string;
}

/** One move of one of the branch's affiliations, with who made it. */
export class AffiliationHistoryDto {
  @ApiProperty(SERIAL) id!: string;
  @ApiProperty({ format: 'uuid' }) affiliationId!: string;
  @ApiProperty({ type: 'integer', example: 2026 }) affiliationYear!: number;
  // The statuses inline: OpenAPI 3.0's `nullable` needs a `type` beside it, which a $ref to the named enum cannot have.
  @ApiProperty({ type: 'string', enum: AFFILIATION_STATUSES, nullable: true, description: 'null: the move that created the affiliation' })
  fromStatus!: AffiliationStatus | null;
  @ApiProperty({ ...AFFILIATION_STATUS }) toStatus!: AffiliationStatus;
  @ApiProperty({ enum: AFFILIATION_ACTIONS, enumName: 'AffiliationAction', example: 'approve' }) action!: AffiliationAction;
  @ApiProperty({ type: String, nullable: true, description: 'The reason or message sent with it' }) message!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'admin', description: 'secretary, admin or system' }) actorRole!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Alex Admin' }) actorName!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;

  static from(h: HistoryRow): AffiliationHistoryDto {
    return {
      id: h.id,
      affiliationId: h.affiliationId,
      affiliationYear: h.affiliationYear,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      action: h.action,
      message: h.message,
      actorRole: h.actorRole,
      actorName: h.actorName,
      createdAt: h.createdAt,
    };
  }
}

/** One change of the branch's secretary. */
export class SecretaryChangeDto {
  @ApiProperty(SERIAL) id!: string;
  @ApiProperty({ enum: SECRETARY_CHANGE_REASONS, enumName: 'SecretaryChangeReason', example: 'registered' }) reason!: SecretaryChangeReason;
  @ApiProperty({ example: 'registered the branch' }) reasonLabel!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) fromUserId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: no secretary (their account was deleted)' }) toUserId!: string | null;
  @ApiProperty({ type: String, format: 'email', nullable: true, description: 'null once that account is gone' }) toEmail!: string | null;
  @ApiProperty({ type: String, nullable: true }) toName!: string | null;
}

/** A document the branch downloaded filled in, with its template's version. */
export class DocumentDownloadDto {
  @ApiProperty({ enum: DOCUMENT_KINDS, enumName: 'DocumentKind', example: 'affiliation-letter' }) kind!: DocumentKind;
  @ApiProperty({ example: 'Affiliation letter' }) kindLabel!: string;
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 }) version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) downloadedAt!: Date;
}

/** A branch as an admin sees it, with its affiliations, their history, its secretaries, notes, downloads and signed letters. */
export class AdminBranchViewDto {
  @ApiProperty({ type: BranchResponseDto }) branch!: BranchResponseDto;
  // Inline rather than a $ref: OpenAPI 3.0 says "this object or null" only with `type` beside `nullable`,
  // and `type: object` beside an `allOf` would read to the contract check as an untyped object.
  @ApiProperty({
    type: 'object',
    nullable: true,
    selfRequired: true,
    required: ['name', 'email'],
    properties: {
      name: { type: 'string', example: 'Sam Secretary' },
      email: { type: 'string', format: 'email', example: 'sam@example.org' },
    },
    description: 'Who looks after the branch now; null: nobody just now (their account was deleted)',
  })
  secretary!: BranchSecretary | null;
  @ApiProperty({ type: [AffiliationResponseDto], description: 'Newest year first' }) affiliations!: AffiliationResponseDto[];
  @ApiProperty({ type: [AffiliationHistoryDto], description: 'Newest first' }) history!: AffiliationHistoryDto[];
  @ApiProperty({ type: [SecretaryChangeDto], description: 'Oldest first' }) secretaryHistory!: SecretaryChangeDto[];
  @ApiProperty({ type: [AdminNoteDto], description: 'Newest first' }) notes!: AdminNoteDto[];
  @ApiProperty({ type: [DocumentDownloadDto], description: 'Newest first' }) documentDownloads!: DocumentDownloadDto[];
  @ApiProperty({ type: [SignedLetterDto], description: 'The signed affiliation letters it uploaded, one per year, the latest year first; each downloads from GET /api/admin/branches/{id}/signed-letter/{year}' })
  signedLetters!: SignedLetterDto[];

  static from(v: AdminBranchView): AdminBranchViewDto {
    return {
      branch: BranchResponseDto.from(v.branch),
      secretary: v.secretary && { name: v.secretary.name, email: v.secretary.email },
      affiliations: v.affiliations.map((a) => AffiliationResponseDto.from(a)),
      history: v.history.map((h) => AffiliationHistoryDto.from(h)),
      secretaryHistory: v.secretaryHistory.map((h) => ({
        id: h.id,
        reason: h.reason,
        reasonLabel: h.reasonLabel,
        createdAt: h.createdAt,
        fromUserId: h.fromUserId,
        toUserId: h.toUserId,
        toEmail: h.toEmail,
        toName: h.toName,
      })),
      notes: v.notes.map((n) => AdminNoteDto.from(v.branch.id, n)),
      documentDownloads: v.documentDownloads.map((d) => ({ kind: d.kind as DocumentKind, kindLabel: d.kindLabel, version: d.version, downloadedAt: d.downloadedAt })),
      signedLetters: v.signedLetters.map((l) => SignedLetterDto.from(l)),
    };
  }
}
