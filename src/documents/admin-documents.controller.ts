import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { MAX_PAGE_SIZE, PageQueryDto } from '../common/dto/page-query.dto';
import { ApiErrors, Created } from '../common/openapi/api-docs.decorators';
import { PageOf, pageOf, type Page } from '../common/openapi/page.dto';
import { KIND_404, VERSION_404 } from './document-kind.pipe';
import { DOCUMENT_KINDS, type DocumentKind } from './document-kinds';
import {
  DocumentTemplateDetailDto,
  DocumentTemplateDto,
  RevertedTemplateVersionDto,
  SavedTemplateVersionDto,
  TemplatePreviewDto,
  TemplateVersionDetailDto,
  TemplateVersionSummaryDto,
} from './dto/template-response.dto';
import { TemplateVersionDto } from './dto/template-version.dto';
import { TemplateEditorService } from './template-editor.service';

/** Versions are listed newest first, this many to a page unless asked. */
const VERSIONS_PAGE_SIZE = 25;

const KIND = ApiParam({ name: 'kind', enum: DOCUMENT_KINDS, enumName: 'DocumentKind', description: 'The document (any other is 404)' });
const VERSION = ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1 }, description: 'A version of its template' });
const versionPath = (v: { kind: DocumentKind; version: number }): string => `/api/admin/documents/${v.kind}/versions/${v.version}`;

/** The documents' templates, for admins: list, versions, preview, save, revert. */
@ApiTags('documents')
@Roles('admin')
@Controller('api/admin/documents')
export class AdminDocumentsController {
  constructor(private readonly editor: TemplateEditorService) {}

  @Get()
  @ApiOperation({ summary: 'List the document templates', description: 'Each document the portal produces, with its current version. A short list: one page.' })
  @ApiOkResponse({ type: PageOf(DocumentTemplateDto) })
  async listDocumentTemplates(@Query() query: PageQueryDto): Promise<Page<DocumentTemplateDto>> {
    const kinds = (await this.editor.kinds()).map((k) => DocumentTemplateDto.from(k));
    return pageOf(kinds, query.page ?? 1, query.pageSize ?? MAX_PAGE_SIZE);
  }

  @Get(':kind')
  @ApiOperation({ summary: 'Get a document template', description: 'Its current version and the placeholders its text may use.' })
  @KIND
  @ApiOkResponse({ type: DocumentTemplateDetailDto })
  async getDocumentTemplate(@Param('kind', KIND_404) kind: DocumentKind): Promise<DocumentTemplateDetailDto> {
    return DocumentTemplateDetailDto.detail(await this.editor.kind(kind));
  }

  @Get(':kind/versions')
  @ApiOperation({ summary: 'List a template’s versions', description: `Newest first, without their text; ${VERSIONS_PAGE_SIZE} to a page unless asked.` })
  @KIND
  @ApiOkResponse({ type: PageOf(TemplateVersionSummaryDto) })
  async listTemplateVersions(@Param('kind', KIND_404) kind: DocumentKind, @Query() query: PageQueryDto): Promise<Page<TemplateVersionSummaryDto>> {
    const page = await this.editor.versionsPage(kind, query.page ?? 1, query.pageSize ?? VERSIONS_PAGE_SIZE);
    return { ...page, items: page.items.map((v) => TemplateVersionSummaryDto.from(v)) };
  }

  @Get(':kind/versions/:version')
  @ApiOperation({ summary: 'Get a template version', description: 'With its text.' })
  @KIND
  @VERSION
  @ApiOkResponse({ type: TemplateVersionDetailDto })
  async getTemplateVersion(@Param('kind', KIND_404) kind: DocumentKind, @Param('version', VERSION_404) version: number): Promise<TemplateVersionDetailDto> {
    const row = await this.editor.version(kind, version);
    return { kind, version: row.version, title: row.title, body: row.body, createdAt: row.createdAt };
  }

  @Post(':kind/versions')
  @ApiOperation({
    summary: 'Save a new template version',
    description:
      'The next version, used by every download from now on; audited. An unknown placeholder or unsupported Markdown is a 400 naming ' +
      'it, and nothing is saved. Two saves at once: one gets the next number, the other a 409 to look and save again.',
  })
  @KIND
  @Created(SavedTemplateVersionDto, versionPath, 'The version saved')
  @ApiErrors(409)
  async saveTemplateVersion(@CurrentActor() actor: Actor, @Param('kind', KIND_404) kind: DocumentKind, @Body() dto: TemplateVersionDto): Promise<SavedTemplateVersionDto> {
    return SavedTemplateVersionDto.from(await this.editor.save(actor, kind, dto));
  }

  @Post(':kind/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Preview template text', description: 'The text filled with sample values, as HTML; nothing is saved. A text that cannot be used is a 400 naming each problem.' })
  @KIND
  @ApiOkResponse({ type: TemplatePreviewDto })
  previewTemplate(@Param('kind', KIND_404) kind: DocumentKind, @Body() dto: TemplateVersionDto): TemplatePreviewDto {
    return { html: this.editor.preview(kind, dto) };
  }

  @Post(':kind/versions/:version/revert')
  @ApiOperation({ summary: 'Revert to an earlier template version', description: 'A new version holding the earlier one’s text; the earlier one stays as it was. Audited.' })
  @KIND
  @VERSION
  @Created(RevertedTemplateVersionDto, versionPath, 'The new version')
  @ApiErrors(409)
  async revertTemplateVersion(
    @CurrentActor() actor: Actor,
    @Param('kind', KIND_404) kind: DocumentKind,
    @Param('version', VERSION_404) version: number,
  ): Promise<RevertedTemplateVersionDto> {
    const reverted = await this.editor.revert(actor, kind, version);
    return { ...SavedTemplateVersionDto.from(reverted), revertedFrom: reverted.revertedFrom };
  }
}
