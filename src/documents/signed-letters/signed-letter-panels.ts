import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { BranchPageSignedLetter, SignedLetterPanel } from '../../affiliations/branch-page-hooks';
import type { UploadsConfig } from '../../config';
import { SIGNED_LETTER_FORMATS, sizeLabel } from './signed-letter-content';
import { SignedLettersRepository } from './signed-letters.repository';

/** The path a branch's secretary downloads a year's letter from (the 201's Location too). */
export const signedLetterPath = (branchId: string, year: number): string => `/api/branches/${branchId}/signed-letter/${year}`;

/** The same for admins, whose download is audited. */
export const adminSignedLetterPath = (branchId: string, year: number): string => `/api/admin/branches/${branchId}/signed-letter/${year}`;

/** The branch page's signed-letter section (branch-page-hooks.ts), for a branch the caller has checked is the secretary's. */
@Injectable()
export class SignedLetterPanels implements BranchPageSignedLetter {
  private readonly maxBytes: number;

  constructor(
    private readonly letters: SignedLettersRepository,
    config: ConfigService,
  ) {
    this.maxBytes = config.getOrThrow<UploadsConfig>('uploads').signedLetterMaxBytes;
  }

  async panel(branchId: string, year: number): Promise<SignedLetterPanel> {
    const letter = await this.letters.findForYear(branchId, year);
    return {
      year,
      maxSize: sizeLabel(this.maxBytes),
      current: letter && {
        uploadedAt: letter.uploadedAt,
        format: SIGNED_LETTER_FORMATS[letter.mediaType].label,
        size: sizeLabel(letter.sizeBytes),
        href: signedLetterPath(branchId, year),
      },
    };
  }
}
