import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AuditService, type Actor } from '../audit/audit.service';
import { NotFoundError } from '../common/errors/domain-error';
import type { Page } from '../common/openapi/page.dto';
import { renderDirect } from './compiled-template';
import { DOCUMENT_KINDS, DocumentKind, PlaceholderSpec } from './document-kinds';
import { DocumentTemplatesRepository, type TemplateVersionRow } from './document-templates.repository';
import { genericFileName } from './document-file-names';
import { DOCX_CONTENT_TYPE, DocumentsService, type RenderedDocument } from './documents.service';
import type { DocumentTemplateVersion } from './entities/document-template-version.entity';
import { kindLabel } from './kind-labels';
import { previewHtml, sampleValues } from './template-preview';

export interface TemplateText {
  title: string;
  body: string;
}

export interface TemplateKindSummary {
  kind: DocumentKind;
  label: string;
  version: number | null;
  title: string | null;
  savedAt: Date | null;
}

export interface PlaceholderRow extends PlaceholderSpec {
  name: string;
  /** "{{branch.name}}", to copy into the text. */
  token: string;
}

export interface SavedVersion {
  kind: DocumentKind;
  version: number;
  title: string;
  createdAt: Date;
}

function summary(kind: DocumentKind, latest: { version: number; title: string; createdAt: Date } | null | undefined): TemplateKindSummary {
  return { kind, label: kindLabel(kind), version: latest?.version ?? null, title: latest?.title ?? null, savedAt: latest?.createdAt ?? null };
}

function saved(row: DocumentTemplateVersion): SavedVersion {
  return { kind: row.kind, version: row.version, title: row.title, createdAt: row.createdAt };
}

/** What the admin template editor does: list, preview, sample, save, revert. Every save is audited. */
@Injectable()
export class TemplateEditorService {
  constructor(
    private readonly documents: DocumentsService,
    private readonly repository: DocumentTemplatesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async kinds(): Promise<TemplateKindSummary[]> {
    const latest = new Map((await this.repository.findLatestOfEachKind()).map((r) => [r.kind, r]));
    return DOCUMENT_KINDS.map((kind) => summary(kind, latest.get(kind)));
  }

  /** One kind's current version, and the placeholders its text may use. */
  async kind(kind: DocumentKind): Promise<TemplateKindSummary & { placeholders: PlaceholderRow[] }> {
    return { ...summary(kind, await this.repository.findLatest(kind)), placeholders: this.placeholders(kind) };
  }

  placeholders(kind: DocumentKind): PlaceholderRow[] {
    return Object.entries(this.documents.placeholders(kind)).map(([name, spec]) => ({ name, token: `{{${name}}}`, ...spec }));
  }

  versions(kind: DocumentKind): Promise<TemplateVersionRow[]> {
    return this.repository.findVersionsForEditor(kind);
  }

  async versionsPage(kind: DocumentKind, page: number, pageSize: number): Promise<Page<TemplateVersionRow>> {
    const [items, total] = await Promise.all([
      this.repository.findVersionsForEditor(kind, { limit: pageSize, offset: (page - 1) * pageSize }),
      this.repository.countVersions(kind),
    ]);
    return { items, total, page, pageSize };
  }

  async version(kind: DocumentKind, version: number): Promise<DocumentTemplateVersion> {
    const row = await this.repository.findVersion(kind, version);
    if (!row) throw new NotFoundError('No such version');
    return row;
  }

  async latest(kind: DocumentKind): Promise<DocumentTemplateVersion | null> {
    return this.repository.findLatest(kind);
  }

  /** HTML of the text filled with sample values; TemplateInvalidError (400) when it cannot be used. */
  preview(kind: DocumentKind, text: TemplateText): string {
    this.documents.validateTemplate(kind, text);
    return previewHtml(kind, text.body);
  }

  /** A .docx of text not saved, filled with sample values: what the branch would get. */
  async sample(kind: DocumentKind, text: TemplateText): Promise<RenderedDocument> {
    this.documents.validateTemplate(kind, text);
    const title = text.title.trim();
    const buffer = await renderDirect({ kind, version: 1, title, body: text.body, createdAt: this.clock.now() }, sampleValues(kind));
    return { kind, version: 0, title, filename: genericFileName(kind, 'sample'), contentType: DOCX_CONTENT_TYPE, buffer };
  }

  async save(actor: Actor, kind: DocumentKind, text: TemplateText): Promise<SavedVersion> {
    const row = await this.documents.addVersion(kind, text, actor.id, (manager, added) =>
      this.audit.record(manager, actor, {
        action: 'document_template.saved',
        subjectType: 'document_template',
        subjectId: added.id,
        summary: { kind, version: added.version, title: added.title },
      }),
    );
    return saved(row);
  }

  /** A new version holding an earlier version's text; the earlier one stays as it was. */
  async revert(actor: Actor, kind: DocumentKind, version: number): Promise<SavedVersion & { revertedFrom: number }> {
    const from = await this.version(kind, version);
    const row = await this.documents.addVersion(kind, { title: from.title, body: from.body }, actor.id, (manager, added) =>
      this.audit.record(manager, actor, {
        action: 'document_template.reverted',
        subjectType: 'document_template',
        subjectId: added.id,
        summary: { kind, version: added.version, revertedFrom: version },
      }),
    );
    return { ...saved(row), revertedFrom: version };
  }
}
