import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { KIND_404, VERSION_404 } from './document-kind.pipe';
import type { DocumentKind } from './document-kinds';
import type { TemplateVersionRow } from './document-templates.repository';
import { TemplateVersionDto } from './dto/template-version.dto';
import { TemplateEditorService, type PlaceholderRow, type SavedVersion, type TemplateKindSummary } from './template-editor.service';

/** The documents' templates, for admins: list, versions, preview, save, revert. */
@ApiTags('admin')
@Roles('admin')
@Controller('api/admin/documents')
export class AdminDocumentsController {
  constructor(private readonly editor: TemplateEditorService) {}

  @Get()
  async list(): Promise<{ items: TemplateKindSummary[] }> {
    return { items: await this.editor.kinds() };
  }

  @Get(':kind/versions')
  async versions(@Param('kind', KIND_404) kind: DocumentKind): Promise<{ kind: DocumentKind; placeholders: PlaceholderRow[]; items: TemplateVersionRow[] }> {
    return { kind, placeholders: this.editor.placeholders(kind), items: await this.editor.versions(kind) };
  }

  @Get(':kind/versions/:version')
  async version(@Param('kind', KIND_404) kind: DocumentKind, @Param('version', VERSION_404) version: number): Promise<SavedVersion & { body: string }> {
    const row = await this.editor.version(kind, version);
    return { kind, version: row.version, title: row.title, body: row.body, createdAt: row.createdAt };
  }

  /** A new version; an unknown placeholder is a 400 naming it, and nothing is saved. */
  @Post(':kind/versions')
  save(@CurrentActor() actor: Actor, @Param('kind', KIND_404) kind: DocumentKind, @Body() dto: TemplateVersionDto): Promise<SavedVersion> {
    return this.editor.save(actor, kind, dto);
  }

  @Post(':kind/preview')
  @HttpCode(200)
  preview(@Param('kind', KIND_404) kind: DocumentKind, @Body() dto: TemplateVersionDto): { html: string } {
    return { html: this.editor.preview(kind, dto) };
  }

  @Post(':kind/versions/:version/revert')
  revert(
    @CurrentActor() actor: Actor,
    @Param('kind', KIND_404) kind: DocumentKind,
    @Param('version', VERSION_404) version: number,
  ): Promise<SavedVersion & { revertedFrom: number }> {
    return this.editor.revert(actor, kind, version);
  }
}
