import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { DocumentKind } from './document-kinds';
import { kindLabel } from './kind-labels';
import { BranchDocumentDownload } from './entities/branch-document-download.entity';

export interface BranchDownloadRow {
  kind: string;
  /** "Model motion", for people. */
  kindLabel: string;
  version: number;
  downloadedAt: Date;
}

@Injectable()
export class BranchDocumentDownloadsRepository {
  constructor(@InjectRepository(BranchDocumentDownload) private readonly downloads: Repository<BranchDocumentDownload>) {}

  async record(branchId: string, kind: DocumentKind, version: number, userId: string | null): Promise<void> {
    await this.downloads.insert({ branchId, kind, version, userId });
  }

  /** A branch's downloads, latest first (the index on branch and time serves it). */
  async findForBranch(branchId: string, limit = 100): Promise<BranchDownloadRow[]> {
    const rows = await this.downloads.find({
      select: { kind: true, version: true, downloadedAt: true },
      where: { branchId },
      order: { downloadedAt: 'DESC' },
      take: limit,
    });
    return rows.map((r) => ({ kind: r.kind, kindLabel: kindLabel(r.kind), version: r.version, downloadedAt: r.downloadedAt }));
  }

  /** What one person downloaded for their branches, oldest first: for their export. */
  findByUser(userId: string): Promise<(BranchDownloadRow & { branchId: string })[]> {
    return this.downloads
      .find({ select: { branchId: true, kind: true, version: true, downloadedAt: true }, where: { userId }, order: { downloadedAt: 'ASC' } })
      .then((rows) => rows.map((r) => ({ branchId: r.branchId, kind: r.kind, kindLabel: kindLabel(r.kind), version: r.version, downloadedAt: r.downloadedAt })));
  }
}
