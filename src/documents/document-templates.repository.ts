import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { ConflictError } from '../common/errors/domain-error';
import type { DocumentKind } from './document-kinds';
import { DocumentDownload, DownloadVariant } from './entities/document-download.entity';
import { DocumentTemplateVersion } from './entities/document-template-version.entity';

export interface NewTemplateVersion {
  kind: DocumentKind;
  title: string;
  body: string;
  createdBy: string | null;
}

export interface DownloadTally {
  kind: DocumentKind;
  variant: DownloadVariant;
  day: string;
  count: number;
}

@Injectable()
export class DocumentTemplatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get versions() {
    return this.dataSource.getRepository(DocumentTemplateVersion);
  }

  findLatest(kind: DocumentKind): Promise<DocumentTemplateVersion | null> {
    return this.versions.findOne({ where: { kind }, order: { version: 'DESC' } });
  }

  findVersion(kind: DocumentKind, version: number): Promise<DocumentTemplateVersion | null> {
    return this.versions.findOneBy({ kind, version });
  }

  /** The first version of a kind, unless the kind has one already (another instance may be seeding too). */
  async seedFirstVersion(kind: DocumentKind, version: number, title: string, body: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO document_template_versions (kind, version, title, body)
       SELECT $1::varchar, $2::int, $3::varchar, $4::text
       WHERE NOT EXISTS (SELECT 1 FROM document_template_versions WHERE kind = $1::varchar)
       ON CONFLICT ON CONSTRAINT uq_document_template_versions_kind_version DO NOTHING
       RETURNING id`,
      [kind, version, title, body],
    );
    return rows.length > 0;
  }

  /**
   * Adds the next version of a kind. Of two saves at once, one gets the next
   * number and the other a ConflictError (409) to show the editor.
   */
  async addVersion(v: NewTemplateVersion): Promise<DocumentTemplateVersion> {
    let rows: { id: string }[];
    try {
      rows = await this.dataSource.query(
        `INSERT INTO document_template_versions (kind, version, title, body, created_by)
         SELECT $1::varchar, COALESCE(MAX(version), 0) + 1, $2::varchar, $3::text, $4::uuid
         FROM document_template_versions WHERE kind = $1::varchar
         RETURNING id`,
        [v.kind, v.title, v.body, v.createdBy],
      );
    } catch (error) {
      const constraint = error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
      if (constraint === 'uq_document_template_versions_kind_version') {
        throw new ConflictError(`Another version of the ${v.kind} template was saved at the same moment: look at it, then save yours again`);
      }
      throw error;
    }
    return this.versions.findOneByOrFail({ id: rows[0]!.id });
  }

  /** Adds counts to each day's tally in one statement. */
  async addDownloads(tallies: readonly DownloadTally[]): Promise<void> {
    if (tallies.length === 0) return;
    const params: unknown[] = [];
    const rows = tallies.map((t) => {
      params.push(t.kind, t.variant, t.day, t.count);
      const n = params.length;
      return `($${n - 3}, $${n - 2}, $${n - 1}::date, $${n}::int)`;
    });
    await this.dataSource.query(
      `INSERT INTO document_downloads (kind, variant, day, count) VALUES ${rows.join(', ')}
       ON CONFLICT ON CONSTRAINT pk_document_downloads DO UPDATE SET count = document_downloads.count + EXCLUDED.count`,
      params,
    );
  }

  downloadsOn(day: string): Promise<DocumentDownload[]> {
    return this.dataSource.getRepository(DocumentDownload).find({ where: { day }, order: { kind: 'ASC', variant: 'ASC' } });
  }
}
