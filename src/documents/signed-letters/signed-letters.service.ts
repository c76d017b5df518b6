import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { affiliationYearOf } from '../../affiliations/affiliation-year';
import type { SignedLetterPanel } from '../../affiliations/branch-page-hooks';
import { AuditService, type Actor } from '../../audit/audit.service';
import type { Branch } from '../../branches/branch.entity';
import { BranchesService } from '../../branches/branches.service';
import { Clock } from '../../common/clock';
import type { UploadsConfig } from '../../config';
import type { User } from '../../users/user.entity';
import { fileNamePart, type PersonalDownload } from '../content-disposition';
import { cleanUploadName, describeRefusedFile, detectSignedLetterType, SIGNED_LETTER_FORMATS } from './signed-letter-content';
import { SignedLetterPanels } from './signed-letter-panels';
import {
  SignedLetterEmptyError,
  SignedLetterMissingError,
  SignedLetterNotFoundError,
  SignedLetterTooLargeError,
  SignedLetterTypeError,
} from './signed-letters.errors';
import { SignedLettersRepository, type SignedLetterSummary } from './signed-letters.repository';

/** The part of a multer file (memory storage) an upload reads. */
export interface UploadedLetter {
  originalname: string;
  buffer: Buffer;
}

/** What the upload page shows (and shows again when a file is refused). */
export interface SignedLetterPage {
  branch: Branch;
  year: number;
  signedLetter: SignedLetterPanel;
}

/**
 * The affiliation letter a branch signed, uploaded by its secretary for the
 * current affiliation year: checked by its content, kept in PostgreSQL (a new
 * upload for the year replaces the old), sent back to the secretary and to
 * admins (audited) as an attachment under a name the portal builds.
 */
@Injectable()
export class SignedLettersService {
  private readonly maxBytes: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly branches: BranchesService,
    private readonly letters: SignedLettersRepository,
    private readonly panels: SignedLetterPanels,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    config: ConfigService,
  ) {
    this.maxBytes = config.getOrThrow<UploadsConfig>('uploads').signedLetterMaxBytes;
  }

  /** The secretary's own branch, or "not found": checked before an upload's body is read. */
  assertMine(user: User, branchId: string): Promise<Branch> {
    return this.branches.getMine(user, branchId);
  }

  async page(user: User, branchId: string): Promise<SignedLetterPage> {
    const branch = await this.branches.getMine(user, branchId);
    const year = affiliationYearOf(this.clock.now());
    return { branch, year, signedLetter: await this.panels.panel(branch.id, year) };
  }

  /** Stores the file as this year's letter if its content is a PDF, JPEG or PNG; `replaced` when one was uploaded before. */
  async upload(user: User, actor: Actor, branchId: string, file: UploadedLetter | undefined): Promise<{ letter: SignedLetterSummary; replaced: boolean }> {
    const branch = await this.branches.getMine(user, branchId);
    if (!file) throw new SignedLetterMissingError();
    const content = file.buffer;
    if (content.length === 0) throw new SignedLetterEmptyError();
    // The parser stops at the limit already; this keeps the rule true whoever calls.
    if (content.length > this.maxBytes) throw new SignedLetterTooLargeError(this.maxBytes);
    const mediaType = detectSignedLetterType(content);
    if (!mediaType) throw new SignedLetterTypeError(describeRefusedFile(content));

    const now = this.clock.now();
    const year = affiliationYearOf(now);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const previous = await this.dataSource.transaction(async (manager) => {
      const before = await this.letters.replace(manager, {
        branchId: branch.id,
        affiliationYear: year,
        mediaType,
        sizeBytes: content.length,
        sha256,
        fileName: cleanUploadName(file.originalname),
        content,
        uploadedBy: user.id,
        uploadedAt: now,
      });
      // Counts and hashes only: the file's name may be a person's.
      await this.audit.record(manager, actor, {
        action: before ? 'signed_letter.replaced' : 'signed_letter.uploaded',
        subjectType: 'branch',
        subjectId: branch.id,
        summary: { year, mediaType, sizeBytes: content.length, sha256, ...(before && { previousSha256: before.sha256, previousSizeBytes: before.sizeBytes }) },
      });
      return before;
    });
    const letter = await this.letters.findForYear(branch.id, year);
    if (!letter) throw new SignedLetterNotFoundError();
    return { letter, replaced: previous !== null };
  }

  /** The file, for the branch's secretary. */
  async fileForSecretary(user: User, branchId: string, year: number): Promise<PersonalDownload> {
    return this.file(await this.branches.getMine(user, branchId), year);
  }

  /** The file, for an admin: audited. */
  async fileForAdmin(actor: Actor, branchId: string, year: number): Promise<PersonalDownload> {
    const file = await this.file(await this.branches.getForAdmin(branchId), year);
    await this.audit.record(undefined, actor, { action: 'signed_letter.downloaded', subjectType: 'branch', subjectId: branchId, summary: { year } });
    return file;
  }

  /** Every year's letter of a branch, for admins. */
  forBranch(branchId: string): Promise<SignedLetterSummary[]> {
    return this.letters.findForBranch(branchId);
  }

  private async file(branch: Branch, year: number): Promise<PersonalDownload> {
    const letter = await this.letters.findFile(branch.id, year);
    if (!letter) throw new SignedLetterNotFoundError();
    const { extension } = SIGNED_LETTER_FORMATS[letter.mediaType];
    return {
      contentType: letter.mediaType,
      filename: `${fileNamePart(branch.publicName) || 'Branch'} - signed affiliation letter ${year}.${extension}`,
      buffer: letter.content,
    };
  }
}
