import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { SignedLetter } from './signed-letter.entity';

/** A letter without its content: what lists and pages show. */
export type SignedLetterSummary = Omit<SignedLetter, 'content' | 'branch' | 'uploader'>;

/** A letter with its content, to send. */
export type SignedLetterFile = SignedLetterSummary & { content: Buffer };

/** What an upload stores. */
export type NewSignedLetter = Omit<SignedLetterFile, 'id'>;

const SUMMARY = {
  id: true,
  branchId: true,
  affiliationYear: true,
  mediaType: true,
  sizeBytes: true,
  sha256: true,
  fileName: true,
  uploadedBy: true,
  uploadedAt: true,
} as const;

/** TypeORM resolves a DELETE or UPDATE to [rows, affected]. */
type Affected = [unknown, number];

@Injectable()
export class SignedLettersRepository {
  constructor(@InjectRepository(SignedLetter) private readonly letters: Repository<SignedLetter>) {}

  findForYear(branchId: string, affiliationYear: number): Promise<SignedLetterSummary | null> {
    return this.letters.findOne({ select: SUMMARY, where: { branchId, affiliationYear } });
  }

  /** Every year's letter of a branch, the latest year first. */
  findForBranch(branchId: string): Promise<SignedLetterSummary[]> {
    return this.letters.find({ select: SUMMARY, where: { branchId }, order: { affiliationYear: 'DESC' } });
  }

  findFile(branchId: string, affiliationYear: number): Promise<SignedLetterFile | null> {
    return this.letters.findOne({ select: { ...SUMMARY, content: true }, where: { branchId, affiliationYear } });
  }

  /** What one person uploaded, oldest first: for their export. */
  findByUploader(userId: string): Promise<SignedLetterSummary[]> {
    return this.letters.find({ select: SUMMARY, where: { uploadedBy: userId }, order: { uploadedAt: 'ASC' } });
  }

  /**
   * Stores the year's letter in the caller's transaction, replacing the one
   * uploaded before (whose summary it resolves to, locked until the commit; null
   * when there was none). The insert settles a race between two first uploads:
   * the later one replaces the earlier.
   */
  async replace(manager: EntityManager, letter: NewSignedLetter): Promise<SignedLetterSummary | null> {
    const repo = manager.getRepository(SignedLetter);
    const previous = await repo.findOne({
      select: SUMMARY,
      where: { branchId: letter.branchId, affiliationYear: letter.affiliationYear },
      lock: { mode: 'pessimistic_write' },
    });
    await repo.upsert(letter, ['branchId', 'affiliationYear']);
    return previous;
  }

  /**
   * When the uploader erases their account: the letter stays (it is the
   * branch's), without who uploaded it or the name their file had.
   */
  async forgetUploader(manager: EntityManager, userId: string): Promise<number> {
    const [, n] = (await manager.query('UPDATE signed_letters SET uploaded_by = NULL, file_name = NULL WHERE uploaded_by = $1', [userId])) as Affected;
    return n;
  }
}
