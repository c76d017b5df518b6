import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { readFile } from 'node:fs/promises';
import type { EntityManager } from 'typeorm';
import { join } from 'node:path';
import { Clock } from '../common/clock';
import { TEMPLATES_DIR } from '../common/paths';
import type { AppConfig, CampaignConfig } from '../config';
import { isSafeText } from '../common/validation';
import { checkTemplate, CompiledTemplate, compileTemplate, etagFor } from './compiled-template';
import { attachmentDisposition } from './content-disposition';
import { branchFileName, genericFileName } from './document-file-names';
import { branchValues } from './branch-phrases';
import { AUTOMATIC_PLACEHOLDERS, DOCUMENT_KINDS, DocumentKind, KIND_INFO, PlaceholderValues, placeholderSpecs, PlaceholderSpec } from './document-kinds';
import { DocumentTemplatesRepository } from './document-templates.repository';
import { TemplateInvalidError, TemplateMissingError } from './documents.errors';
import { DownloadCounter } from './download-counter.service';
import type { DownloadVariant } from './entities/document-download.entity';
import type { DocumentTemplateVersion } from './entities/document-template-version.entity';
import { templateText, type PlainDocument } from './markdown-text';
import { resolveValues } from './placeholder-values';
import { parseTemplateFile, TemplateSource } from './template-source';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** How long a process trusts its idea of a kind's latest version before asking the database again. */
const LATEST_TTL_MS = 10_000;

export interface RenderedDocument {
  readonly kind: DocumentKind;
  /** The template version used: record it with the download. */
  readonly version: number;
  readonly title: string;
  /** Built by the server: "UNISON Leeds City - invoice PSOOL-2026-0001-9.docx". */
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
  /**
   * Ends the file name after the kind: a reference or a year. By default the
   * invoice's or receipt's number, or the year of the meeting or letter.
   */
  fileSuffix?: string;
}

/** Generic documents kept per template version: one for each set of values (the fee bands) seen lately. */
const GENERIC_VARIANTS = 4;

interface Latest {
  template: CompiledTemplate;
  /** Keyed by the values' JSON. */
  generics: Map<string, Promise<GenericDocument>>;
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

  /** Filled in on every kind that has them (AUTOMATIC_PLACEHOLDERS). */
  private readonly automatic: Readonly<Record<(typeof AUTOMATIC_PLACEHOLDERS)[number], string>>;

  constructor(
    private readonly repository: DocumentTemplatesRepository,
    private readonly downloads: DownloadCounter,
    private readonly clock: Clock,
    config: ConfigService,
  ) {
    const campaign = config.getOrThrow<CampaignConfig>('campaign');
    this.automatic = {
      'campaign.address': campaign.addressLines.join('\n'),
      'campaign.email': campaign.email,
      'portal.url': config.getOrThrow<AppConfig>('app').publicUrl,
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.seedTemplates();
    await Promise.all(DOCUMENT_KINDS.map((kind) => this.current(kind)));
  }

  /** A document of `kind` filled with `values`; anything missing is left as a line to fill in by hand. */
  async render<K extends DocumentKind>(kind: K, values: PlaceholderValues<K>, options: RenderOptions = {}): Promise<RenderedDocument> {
    const all = this.withAutomatic(kind, values);
    const resolved = resolveValues(kind, all);
    const template = options.version === undefined ? (await this.current(kind)).template : await this.compiledVersion(kind, options.version);
    const given = all as Record<string, unknown>;
    const [branchName, union] = [given['branch.name'], given['union']];
    const filename =
      typeof branchName === 'string' && branchName.trim() && typeof union === 'string' && union.trim()
        ? branchFileName(kind, branchName, union, options.fileSuffix ?? this.defaultSuffix(kind, given))
        : genericFileName(kind);
    return {
      kind,
      version: template.version,
      title: template.source.title,
      filename,
      contentType: DOCX_CONTENT_TYPE,
      buffer: await template.fill(resolved),
    };
  }

  /**
   * The same document as plain text (for an email or a web form): the latest
   * version's text with the same values, literal, and the same ```if/```unless
   * answers; its first all-bold line is the subject.
   */
  async plainText<K extends DocumentKind>(kind: K, values: PlaceholderValues<K>): Promise<PlainDocument & { version: number }> {
    const resolved = resolveValues(kind, this.withAutomatic(kind, values));
    const { template } = await this.current(kind);
    return { ...templateText(template.source, resolved), version: template.version };
  }

  /**
   * The document of `kind` that anyone may download, with lines to fill in by
   * hand, from memory. `values` are the few that are the same for everyone
   * (the fee bands a generic motion lists).
   */
  async generic<K extends DocumentKind>(kind: K, values: PlaceholderValues<K> = {}): Promise<GenericDocument> {
    const latest = await this.current(kind);
    const key = JSON.stringify(values);
    let generic = latest.generics.get(key);
    if (!generic) {
      if (latest.generics.size >= GENERIC_VARIANTS) latest.generics.clear();
      generic = this.buildGeneric(kind, latest.template, values);
      generic.catch(() => latest.generics.delete(key));
      latest.generics.set(key, generic);
    }
    return generic;
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

  /**
   * Each kind's file in `templates/` is stored as a version when the database
   * has none, or when the file's version is newer than the stored one and that
   * one came from the file too. An admin's edit is never superseded: the log
   * says the file's new version was not applied.
   */
  private async seedTemplates(): Promise<void> {
    for (const kind of DOCUMENT_KINDS) {
      const file = join(TEMPLATES_DIR, KIND_INFO[kind].templateFile);
      const parsed = parseTemplateFile(kind, await readFile(file, 'utf8'));
      checkTemplate(parsed);
      const outcome = await this.repository.seedFromFile(kind, parsed.version, parsed.title, parsed.body);
      if (outcome.stored) {
        this.logger.log(`Stored ${file} as version ${parsed.version} of the ${kind} template`);
      } else if (outcome.latest && outcome.latest.version < parsed.version && outcome.latest.byAdmin) {
        this.logger.warn(
          `${file} is version ${parsed.version} of the ${kind} template, but an admin wrote the latest stored version (${outcome.latest.version}): ` +
            'the file was not applied. Compare them in the template editor and save the text the campaign wants.',
        );
      }
    }
  }

  /**
   * The values every document of a kind gets without its caller passing them:
   * the campaign's contact details, the portal's address, and the phrases
   * that name the branch, made from its name and union by one helper (and its
   * address without the lines that repeat them).
   */
  private withAutomatic<K extends DocumentKind>(kind: K, values: PlaceholderValues<K>): PlaceholderValues<K> {
    const specs = placeholderSpecs(kind);
    const given = values as Record<string, unknown>;
    const [name, union, address] = [given['branch.name'], given['union'], given['branch.address']];
    const branch =
      typeof name === 'string' && name.trim() && typeof union === 'string' && union.trim()
        ? branchValues(name, union, typeof address === 'string' ? address : null)
        : {};
    const automatic = { ...this.automatic, ...branch };
    const extra = Object.fromEntries(Object.entries(automatic).filter(([key]) => Object.hasOwn(specs, key) && !(key !== 'branch.address' && given[key])));
    return { ...values, ...extra } as PlaceholderValues<K>;
  }

  /** The invoice's or receipt's number; otherwise the year of the meeting or the letter, or this year. */
  private defaultSuffix(kind: DocumentKind, values: Record<string, unknown>): string {
    const reference = values[kind === 'receipt' ? 'receipt.number' : 'invoice.reference'];
    if ((kind === 'invoice' || kind === 'receipt') && typeof reference === 'string' && reference.trim()) return reference;
    const date = values[kind === 'affiliation-letter' ? 'letter.date' : 'meeting.date'];
    if (date instanceof Date && !Number.isNaN(date.getTime())) return String(date.getUTCFullYear());
    if (typeof date === 'string' && /^\d{4}-/.test(date)) return date.slice(0, 4);
    return this.clock.today().slice(0, 4);
  }

  private async buildGeneric<K extends DocumentKind>(kind: K, template: CompiledTemplate, values: PlaceholderValues<K>): Promise<GenericDocument> {
    const buffer = await template.fill(resolveValues(kind, this.withAutomatic(kind, values)));
    const filename = genericFileName(kind);
    return {
      kind,
      version: template.version,
      title: template.source.title,
      filename,
      contentType: DOCX_CONTENT_TYPE,
      buffer,
      etag: etagFor(buffer),
      contentDisposition: attachmentDisposition(filename),
    };
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
    const latest: Latest = { template, checkedAt: Date.now(), generics: new Map() };
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
