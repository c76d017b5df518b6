import { Injectable } from '@nestjs/common';
import { AffiliationsService } from '../affiliations/affiliations.service';
import type { HistoryRow } from '../affiliations/affiliations.repository';
import type { Affiliation } from '../affiliations/affiliation.entity';
import { BranchesRepository, PENDING_CLAIMS_SHOWN } from '../branches/branches.repository';
import { BranchesService } from '../branches/branches.service';
import type { Branch } from '../branches/branch.entity';
import type { BranchDownloadRow } from '../documents/branch-document-downloads.repository';
import { BranchDocumentsService } from '../documents/branch-documents.service';
import { AdminNotesService, type NoteRow } from './admin-notes.service';

export interface AdminBranchView {
  branch: Branch;
  secretary: { name: string; email: string } | null;
  affiliations: Affiliation[];
  history: HistoryRow[];
  secretaryHistory: Awaited<ReturnType<BranchesRepository['secretaryHistory']>>;
  notes: NoteRow[];
  /** Documents the branch downloaded pre-filled, latest first, with their template versions. */
  documentDownloads: BranchDownloadRow[];
}

export type PendingClaimRow = Awaited<ReturnType<BranchesRepository['findPendingClaimsForAdmin']>>[number];

/** What the admin pages put together from the features' services. */
@Injectable()
export class AdminService {
  constructor(
    private readonly branches: BranchesService,
    private readonly branchesRepo: BranchesRepository,
    private readonly affiliations: AffiliationsService,
    private readonly notes: AdminNotesService,
    private readonly branchDocuments: BranchDocumentsService,
  ) {}

  async branchView(id: string): Promise<AdminBranchView> {
    const branch = await this.branches.getForAdmin(id);
    const [affiliations, history, secretaryHistory, notes, documentDownloads] = await Promise.all([
      this.affiliations.forBranch(id),
      this.affiliations.historyForBranch(id),
      this.branchesRepo.secretaryHistory(id),
      this.notes.findForBranch(id),
      this.branchDocuments.downloadsForBranch(id),
    ]);
    const current = secretaryHistory.filter((h) => h.toUserId === branch.secretaryId).at(-1);
    const secretary = branch.secretaryId && current?.toEmail ? { name: current.toName ?? '', email: current.toEmail } : null;
    return { branch, secretary, affiliations, history, secretaryHistory, notes, documentDownloads };
  }

  /** Takeover requests waiting for a decision, oldest first (the answer to the requester never said whether one was recorded). */
  async pendingClaims(): Promise<{ items: PendingClaimRow[]; total: number; page: number; pageSize: number }> {
    const items = await this.branchesRepo.findPendingClaimsForAdmin();
    return { items, total: items.length, page: 1, pageSize: PENDING_CLAIMS_SHOWN };
  }

  async dashboard(): Promise<{ counts: Record<string, number>; claims: Awaited<ReturnType<BranchesRepository['findPendingClaimsForAdmin']>> }> {
    const [counts, claims] = await Promise.all([this.affiliations.counts(), this.branchesRepo.findPendingClaimsForAdmin()]);
    return { counts, claims };
  }
}
