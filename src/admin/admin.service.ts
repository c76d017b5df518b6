import { SECRETARY_CHANGE_LABELS, type SecretaryChangeReason } from '../branches/branch-secretary-change.entity';
import type { AffiliationStatus } from '../affiliations/affiliation-status';
import { Injectable } from '@nestjs/common';
import { AffiliationsService } from '../affiliations/affiliations.service';
import type { HistoryRow } from '../affiliations/affiliations.repository';
import type { Affiliation } from '../affiliations/affiliation.entity';
import { AdminNotesService, type NoteRow } from '../branches/admin-notes.service';
import type { PendingClaimRow } from '../branches/branch-secretaries.service';
import { BranchesRepository } from '../branches/branches.repository';
import { BranchesService } from '../branches/branches.service';
import type { Branch } from '../branches/branch.entity';
import type { BranchDownloadRow } from '../documents/branch-document-downloads.repository';
import { BranchDocumentsService } from '../documents/branch-documents.service';
import type { SignedLetterSummary } from '../documents/signed-letters/signed-letters.repository';
import { SignedLettersService } from '../documents/signed-letters/signed-letters.service';

export interface AdminBranchView {
  branch: Branch;
  secretary: { name: string; email: string } | null;
  affiliations: Affiliation[];
  history: HistoryRow[];
  secretaryHistory: (Awaited<ReturnType<BranchesRepository['secretaryHistory']>>[number] & { reasonLabel: string })[];
  notes: NoteRow[];
  /** Documents the branch downloaded pre-filled, latest first, with their template versions. */
  documentDownloads: BranchDownloadRow[];
  /** The signed affiliation letters it uploaded, the latest year first. */
  signedLetters: SignedLetterSummary[];
}

/**
 * The admin's overviews, put together from several features: the dashboard,
 * and a branch with its affiliations, notes and document downloads. They sit
 * above the features because affiliations and documents build on branches;
 * in branches/ the branch page would turn those dependencies round. Each
 * action on these pages is a route of the feature it acts on.
 */
@Injectable()
export class AdminService {
  constructor(
    private readonly branches: BranchesService,
    private readonly branchesRepo: BranchesRepository,
    private readonly affiliations: AffiliationsService,
    private readonly notes: AdminNotesService,
    private readonly branchDocuments: BranchDocumentsService,
    private readonly signedLetters: SignedLettersService,
  ) {}

  async branchView(id: string): Promise<AdminBranchView> {
    const branch = await this.branches.getForAdmin(id);
    const [affiliations, history, secretaryHistory, notes, documentDownloads, signedLetters] = await Promise.all([
      this.affiliations.forBranch(id),
      this.affiliations.historyForBranch(id),
      this.branchesRepo.secretaryHistory(id),
      this.notes.findForBranch(id),
      this.branchDocuments.downloadsForBranch(id),
      this.signedLetters.forBranch(id),
    ]);
    const current = secretaryHistory.filter((h) => h.toUserId === branch.secretaryId).at(-1);
    const secretary = branch.secretaryId && current?.toEmail ? { name: current.toName ?? '', email: current.toEmail } : null;
    return {
      branch,
      secretary,
      affiliations,
      history,
      secretaryHistory: secretaryHistory.map((h) => ({ ...h, reasonLabel: SECRETARY_CHANGE_LABELS[h.reason as SecretaryChangeReason] ?? h.reason })),
      notes,
      documentDownloads,
      signedLetters,
    };
  }

  async dashboard(): Promise<{ counts: Record<AffiliationStatus, number>; claims: PendingClaimRow[] }> {
    const [counts, claims] = await Promise.all([this.affiliations.counts(), this.branchesRepo.findPendingClaimsForAdmin()]);
    return { counts, claims };
  }
}
