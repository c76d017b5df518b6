import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
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

/** What starting up did with a template file: stored it, or found the database's latest version newer or an admin's. */
export type SeedOutcome = { stored: true } | { stored: false; latest: { version: number; byAdmin: boolean } | undefined };

/** A version as an editor lists it: who wrote it, without the text. */
export interface TemplateVersionRow {
  version: number;
  title: string;
  createdAt: Date;
  createdById: string | null;
  /** Null for a version seeded from `templates/` or written by a deleted account. */
  createdByName: string | null;
}

export interface DownloadTally {
  kind: DocumentKind;
  variant: DownloadVariant;
  day: string;
  count: number;
}

/** Whether version row `v` was written by an admin: it names its author, or the editor audited it (the author may since be deleted). */
const WRITTEN_BY_ADMIN = `(v.created_by IS NOT NULL OR EXISTS (
  SELECT 1 FROM audit_events e WHERE e.subject_type = 'document_template' AND e.subject_id = v.id::text))`;

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

  /**
   * Stores a template file's version when the database has no version of the
   * kind, or when the file is newer and the latest stored version is the
   * file's own (seeded, never written by an admin): existing deployments get
   * the new text, and an admin's edit is never superseded. An admin's version
   * is one with an author or with an audit event (its author's account may
   * have been deleted since). Safe when several instances start at once: one
   * statement, and the unique version number lets only one insert through.
   */
  async seedFromFile(kind: DocumentKind, version: number, title: string, body: string): Promise<SeedOutcome> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH latest AS (
         SELECT v.version, ${WRITTEN_BY_ADMIN} AS by_admin
           FROM document_template_versions v WHERE v.kind = $1::varchar ORDER BY v.version DESC LIMIT 1)
       INSERT INTO document_template_versions (kind, version, title, body)
       SELECT $1::varchar, $2::int, $3::varchar, $4::text
       WHERE NOT EXISTS (SELECT 1 FROM latest) OR EXISTS (SELECT 1 FROM latest WHERE version < $2::int AND NOT by_admin)
       ON CONFLICT ON CONSTRAINT uq_document_template_versions_kind_version DO NOTHING
       RETURNING id`,
      [kind, version, title, body],
    );
    if (rows.length > 0) return { stored: true };
    const [latest]: { version: number; byAdmin: boolean }[] = await this.dataSource.query(
      `SELECT v.version, ${WRITTEN_BY_ADMIN} AS "byAdmin"
         FROM document_template_versions v WHERE v.kind = $1 ORDER BY v.version DESC LIMIT 1`,
      [kind],
    );
    return { stored: false, latest };
  }

  /**
   * Adds the next version of a kind. Of two saves at once, one gets the next
   * number and the other a ConflictError (409) to show the editor.
   */
  async addVersion(v: NewTemplateVersion, alongside?: (manager: EntityManager, row: DocumentTemplateVersion) => Promise<void>): Promise<DocumentTemplateVersion> {
    try {
      // `alongside` (an audit event) commits or rolls back with the version.
      return await this.dataSource.transaction(async (manager) => {
        const rows: { id: string }[] = await manager.query(
          `INSERT INTO document_template_versions (kind, version, title, body, created_by)
           SELECT $1::varchar, COALESCE(MAX(version), 0) + 1, $2::varchar, $3::text, $4::uuid
           FROM document_template_versions WHERE kind = $1::varchar
           RETURNING id`,
          [v.kind, v.title, v.body, v.createdBy],
        );
        const row = await manager.getRepository(DocumentTemplateVersion).findOneByOrFail({ id: rows[0]!.id });
        if (alongside) await alongside(manager, row);
        return row;
      });
    } catch (error) {
      const constraint = error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
      if (constraint === 'uq_document_template_versions_kind_version') {
        throw new ConflictError(`Another version of the ${v.kind} template was saved at the same moment: look at it, then save yours again`);
      }
      throw error;
    }
  }

  /** Every version of a kind (or one page of them), newest first, with its author's name. */
  findVersionsForEditor(kind: DocumentKind, page?: { limit: number; offset: number }): Promise<TemplateVersionRow[]> {
    return this.dataSource.query(
      `SELECT v.version, v.title, v.created_at AS "createdAt", v.created_by AS "createdById", u.name AS "createdByName"
       FROM document_template_versions v LEFT JOIN users u ON u.id = v.created_by
       WHERE v.kind = $1 ORDER BY v.version DESC ${page ? 'LIMIT $2 OFFSET $3' : ''}`,
      page ? [kind, page.limit, page.offset] : [kind],
    );
  }

  async countVersions(kind: DocumentKind): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query('SELECT count(*)::int AS n FROM document_template_versions WHERE kind = $1', [kind]);
    return n;
  }

  /** The latest version of every kind that has one. */
  findLatestOfEachKind(): Promise<{ kind: DocumentKind; version: number; title: string; createdAt: Date }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (kind) kind, version, title, created_at AS "createdAt"
       FROM document_template_versions ORDER BY kind, version DESC`,
    );
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
