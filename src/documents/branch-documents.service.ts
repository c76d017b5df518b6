import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AFFILIATION_FEES, type AffiliationFees } from '../affiliations/affiliation-hooks';
import { affiliationYearOf } from '../affiliations/affiliation-year';
import { AffiliationsRepository } from '../affiliations/affiliations.repository';
import type { Affiliation } from '../affiliations/affiliation.entity';
import { BranchesService } from '../branches/branches.service';
import { unionName } from '../branches/unions';
import type { User } from '../users/user.entity';
import { BranchDocumentDownloadsRepository, type BranchDownloadRow } from './branch-document-downloads.repository';
import { DocumentsService, type RenderedDocument } from './documents.service';
import { feeBandsText } from './placeholder-values';

/** The documents a signed-in secretary downloads for their branch. */
export const BRANCH_DOCUMENT_KINDS = ['model-motion', 'affiliation-letter'] as const;
export type BranchDocumentKind = (typeof BRANCH_DOCUMENT_KINDS)[number];

/** The fee a letter can state: none while a "pay what you can" amount is still to be agreed. */
function agreedFee(affiliation: Affiliation | undefined): number | null {
  if (!affiliation) return null;
  if (affiliation.payWhatYouCan && !affiliation.payWhatYouCanAgreedAt) return null;
  return affiliation.feePence;
}

/**
 * A branch's own documents, filled in from what the portal knows about it,
 * each download recorded with the template version it came from.
 */
@Injectable()
export class BranchDocumentsService {
  constructor(
    private readonly branches: BranchesService,
    private readonly affiliations: AffiliationsRepository,
    private readonly documents: DocumentsService,
    private readonly downloads: BranchDocumentDownloadsRepository,
    private readonly clock: Clock,
    @Inject(AFFILIATION_FEES) private readonly fees: AffiliationFees,
  ) {}

  /** The secretary's own branch only (any other id is "not found"); values missing leave lines to fill in by hand. */
  async download(user: User, branchId: string, kind: BranchDocumentKind): Promise<RenderedDocument> {
    const branch = await this.branches.getMine(user, branchId);
    const [latest] = await this.affiliations.findForBranch(branch.id);
    const now = this.clock.now();
    const union = unionName(branch.union, branch.unionOther);
    let doc: RenderedDocument;
    if (kind === 'model-motion') {
      // The motion is for a meeting: only this year's affiliation says when it met, and the fee it agreed.
      const thisYear = latest?.affiliationYear === affiliationYearOf(now) ? latest : undefined;
      const fee = thisYear ? agreedFee(thisYear) : (await this.fees.quote(branch)).feePence;
      doc = await this.documents.render('model-motion', {
        'branch.name': branch.name,
        union,
        'meeting.date': thisYear?.motionPassedOn ?? null,
        'fee.amount': fee,
        'fee.bands': feeBandsText(await this.fees.bands()),
      });
    } else {
      doc = await this.documents.render(
        'affiliation-letter',
        {
          'branch.name': branch.name,
          union,
          'branch.address': branch.address,
          'letter.date': now,
          'meeting.date': latest?.motionPassedOn ?? null,
          'fee.amount': agreedFee(latest),
        },
        { fileSuffix: String(latest?.affiliationYear ?? affiliationYearOf(now)) },
      );
    }
    await this.downloads.record(branch.id, kind, doc.version, user.id);
    return doc;
  }

  /** For admins: which versions a branch downloaded, latest first. */
  downloadsForBranch(branchId: string): Promise<BranchDownloadRow[]> {
    return this.downloads.findForBranch(branchId);
  }
}
