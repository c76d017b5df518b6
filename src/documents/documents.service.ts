import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import type { EntityManager } from 'typeorm';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../common/paths';
import { isSafeText } from '../common/validation';
import { checkTemplate, CompiledTemplate, compileTemplate, etagFor } from './compiled-template';
import { attachmentDisposition, fileNamePart } from './content-disposition';
import { DOCUMENT_KINDS, DocumentKind, KIND_INFO, PlaceholderValues, placeholderSpecs, PlaceholderSpec } from './document-kinds';
import { DocumentTemplatesRepository } from './document-templates.repository';
import { TemplateInvalidError, TemplateMissingError } from './documents.errors';
import { DownloadCounter } from './download-counter.service';
import type { DownloadVariant } from './entities/document-download.entity';
import type { DocumentTemplateVersion } from './entities/document-template-version.entity';
import { resolveValues } from './placeholder-values';
import { parseTemplateFile, TemplateSource } from './template-source';
import { cleanText } from './xml-text';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** How long a process trusts its idea of a kind's latest version before asking the database again. */
const LATEST_TTL_MS = 10_000;

export interface RenderedDocument {
  readonly kind: DocumentKind;
  /** The template version used: record it with the download. */
  readonly version: number;
  readonly title: string;
  /** Built by the server: "Police Spies Out of Lives - model motion - Bristol Unite.docx". */
  readonly filename: string;
  readonly contentType: typeof DOCX_CONTENT_TYPE;
  readonly buffer: Buffer;
}

/** The generic document of a kind, built once per template version, with what its download needs. */
export interface GenericDocument extends RenderedDocument {
  readonly etag: string;
  readonly contentDisposition: string;
}

export interface RenderOptions {
  /** A stored version rather than the latest, e.g. to give a branch again the version it had. */
  version?: number;
}

interface Latest {
  template: CompiledTemplate;
  generic: GenericDocument;
  checkedAt: number;
}

/**
 * Renders the campaign's documents from their templates. Each template
 * version is compiled once; a render only puts the values, as literal text,
 * into the compiled parts. Later features (a branch's letter, invoice,
 * receipt; the admin editor) call this rather than the docx package.
 */
@Injectable()
export class DocumentsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DocumentsService.name);
  private readonly latest = new Map<DocumentKind, Latest>();
  private readonly refreshing = new Map<DocumentKind, Promise<Latest>>();
  private readonly byVersion = new Map<string, Promise<CompiledTemplate>>();

  constructor(
    private readonly repository: DocumentTemplatesRepository,
    private readonly downloads: DownloadCounter,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seedTemplates();
    await Promise.all(DOCUMENT_KINDS.map((kind) => this.current(kind)));
  }

  /** A document of `kind` filled with `values`; anything missing is left as a line to fill in by hand. */
  async render<K extends DocumentKind>(kind: K, values: PlaceholderValues<K>, options: RenderOptions = {}): Promise<RenderedDocument> {
    const resolved = resolveValues(kind, values);
    const template = options.version === undefined ? (await this.current(kind)).template : await this.compiledVersion(kind, options.version);
    const branchName = (values as Record<string, unknown>)['branch.name'];
    return {
      kind,
      version: template.version,
      title: template.source.title,
      filename: fileName(kind, typeof branchName === 'string' ? branchName : undefined),
      contentType: DOCX_CONTENT_TYPE,
      buffer: template.fill(resolved),
    };
  }

  /** The blank document of `kind` that anyone may download, from memory. */
  async generic(kind: DocumentKind): Promise<GenericDocument> {
    return (await this.current(kind)).generic;
  }

  /** Counts a download; nothing about who made it is kept. */
  countDownload(kind: DocumentKind, variant: DownloadVariant): void {
    this.downloads.count(kind, variant);
  }

  /** The placeholders a template of `kind` may use, for an editor to list. */
  placeholders(kind: DocumentKind): Readonly<Record<string, PlaceholderSpec>> {
    return placeholderSpecs(kind);
  }

  /**
   * Throws TemplateInvalidError (400, problems under `errors.body`) when a
   * template text cannot be used: an unknown placeholder, named in the
   * message, a stray brace, or Markdown the documents do not support.
   */
  validateTemplate(kind: DocumentKind, template: { title: string; body: string }): void {
    const title = template.title.trim();
    if (!title || title.length > 200 || !isSafeText(title)) {
      throw new TemplateInvalidError(['The title must be 1 to 200 characters, on one line, without control characters.'], 'title');
    }
    checkTemplate({ kind, title, body: template.body });
  }

  /**
   * Stores a new version of a template after checking it; renders use it from
   * then on. `alongside` runs in the same transaction (to write its audit event).
   */
  async addVersion(
    kind: DocumentKind,
    template: { title: string; body: string },
    createdBy: string | null,
    alongside?: (manager: EntityManager, row: DocumentTemplateVersion) => Promise<void>,
  ): Promise<DocumentTemplateVersion> {
    this.validateTemplate(kind, template);
    const row = await this.repository.addVersion({ kind, title: template.title.trim(), body: template.body, createdBy }, alongside);
    this.latest.delete(kind);
    await this.current(kind);
    return row;
  }

  /** Each kind's file in `templates/` becomes its first version when the database has none. */
  private async seedTemplates(): Promise<void> {
    for (const kind of DOCUMENT_KINDS) {
      const file = join(TEMPLATES_DIR, KIND_INFO[kind].templateFile);
      const parsed = parseTemplateFile(kind, await readFile(file, 'utf8'));
      checkTemplate(parsed);
      if (await this.repository.seedFirstVersion(kind, parsed.version, parsed.title, parsed.body)) {
        this.logger.log(`Stored ${file} as version ${parsed.version} of the ${kind} template`);
      }
    }
  }

  /** The latest version of a kind, compiled, with its generic document; checked against the database every few seconds. */
  private current(kind: DocumentKind): Promise<Latest> {
    const cached = this.latest.get(kind);
    if (cached && Date.now() - cached.checkedAt < LATEST_TTL_MS) return Promise.resolve(cached);
    let refresh = this.refreshing.get(kind);
    if (!refresh) {
      refresh = this.refresh(kind, cached).finally(() => this.refreshing.delete(kind));
      this.refreshing.set(kind, refresh);
    }
    return refresh;
  }

  private async refresh(kind: DocumentKind, cached: Latest | undefined): Promise<Latest> {
    const row = await this.repository.findLatest(kind);
    if (!row) throw new TemplateMissingError(`There is no ${kind} template yet`);
    if (cached && cached.template.version === row.version) {
      cached.checkedAt = Date.now();
      return cached;
    }
    const template = await this.compiledVersion(kind, row.version, row);
    const buffer = template.fill(resolveValues(kind, {}));
    const filename = fileName(kind);
    const latest: Latest = {
      template,
      checkedAt: Date.now(),
      generic: {
        kind,
        version: template.version,
        title: template.source.title,
        filename,
        contentType: DOCX_CONTENT_TYPE,
        buffer,
        etag: etagFor(buffer),
        contentDisposition: attachmentDisposition(filename),
      },
    };
    this.latest.set(kind, latest);
    return latest;
  }

  /** A stored version, compiled once per process. */
  private compiledVersion(kind: DocumentKind, version: number, row?: DocumentTemplateVersion): Promise<CompiledTemplate> {
    const key = `${kind}@${version}`;
    let compiled = this.byVersion.get(key);
    if (!compiled) {
      compiled = (async () => {
        const found = row ?? (await this.repository.findVersion(kind, version));
        if (!found) throw new TemplateMissingError(`There is no version ${version} of the ${kind} template`);
        return compileTemplate(toSource(found));
      })();
      compiled.catch(() => this.byVersion.delete(key));
      this.byVersion.set(key, compiled);
    }
    return compiled;
  }
}

function toSource(row: DocumentTemplateVersion): TemplateSource {
  return { kind: row.kind, version: row.version, title: row.title, body: row.body, createdAt: row.createdAt };
}

/** "Police Spies Out of Lives - model motion - Bristol Central.docx"; the label alone when there is no branch. */
export function fileName(kind: DocumentKind, branchName?: string): string {
  const branch = branchName ? fileNamePart(cleanText(branchName)) : '';
  return `${KIND_INFO[kind].fileLabel}${branch ? ` - ${branch}` : ''}.docx`;
}
