import { Body, Controller, Get, Param, Post, Query, Redirect, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { FormBody } from '../common/dto/transforms';
import { BadInputError, ConflictError, type FieldErrors } from '../common/errors/domain-error';
import { RequestValidationException, validateBody } from '../common/http/validation';
import { sendPersonalDownload } from './content-disposition';
import { KIND_404, VERSION_404 } from './document-kind.pipe';
import type { DocumentKind } from './document-kinds';
import { TEMPLATE_BODY_MAX, TEMPLATE_TITLE_MAX, TemplateVersionDto } from './dto/template-version.dto';
import { kindLabel } from './kind-labels';
import { previewHtml } from './template-preview';
import { TemplateEditorService, type TemplateText } from './template-editor.service';

type Redirection = { url: string };
/** A form post before validation: the handler validates it itself, to show the editor again when it is refused. */
type RawForm = Record<string, unknown>;

/** The admin template editor: pages that work without JavaScript. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/documents')
export class AdminDocumentsPageController {
  constructor(private readonly editor: TemplateEditorService) {}

  @Get()
  @Render('admin-documents/index')
  async index(): Promise<object> {
    return { title: 'Document templates', kinds: await this.editor.kinds() };
  }

  @Get(':kind')
  async edit(@Param('kind', KIND_404) kind: DocumentKind, @Query('saved') saved: unknown, @Query('reverted') reverted: unknown, @Res() res: Response): Promise<void> {
    const latest = await this.editor.latest(kind);
    const notice =
      typeof saved === 'string' && /^\d+$/.test(saved)
        ? `Version ${saved} is saved. Documents are made from it from now on.`
        : typeof reverted === 'string' && /^\d+$/.test(reverted)
          ? `Version ${reverted} is saved with the earlier text. Documents are made from it from now on.`
          : undefined;
    res.render('admin-documents/edit', await this.editPage(kind, { title: latest?.title ?? '', body: latest?.body ?? '' }, { notice }));
  }

  /** The editor again with the text filled with sample values below it; nothing is saved. */
  @Post(':kind/preview')
  async preview(@Param('kind', KIND_404) kind: DocumentKind, @Body() form: RawForm, @Res() res: Response): Promise<void> {
    await this.refusedShowsEditor(kind, form, res, async (text) => {
      const html = this.editor.preview(kind, text);
      res.status(200).render('admin-documents/edit', await this.editPage(kind, text, { previewHtml: html }));
    });
  }

  /** The text being edited as a .docx with sample values, without saving it. */
  @Post(':kind/sample.docx')
  async sample(@Param('kind', KIND_404) kind: DocumentKind, @Body() form: RawForm, @Res() res: Response): Promise<void> {
    await this.refusedShowsEditor(kind, form, res, async (text) => {
      sendPersonalDownload(res, await this.editor.sample(kind, text));
    });
  }

  @Post(':kind')
  async save(@CurrentActor() actor: Actor, @Param('kind', KIND_404) kind: DocumentKind, @Body() form: RawForm, @Res() res: Response): Promise<void> {
    await this.refusedShowsEditor(kind, form, res, async (text) => {
      const saved = await this.editor.save(actor, kind, text);
      res.redirect(303, `/admin/documents/${kind}?saved=${saved.version}`);
    });
  }

  @Get(':kind/versions/:version')
  @Render('admin-documents/version')
  async version(@Param('kind', KIND_404) kind: DocumentKind, @Param('version', VERSION_404) version: number): Promise<object> {
    const [row, latest] = await Promise.all([this.editor.version(kind, version), this.editor.latest(kind)]);
    return {
      title: `${kindLabel(kind)}: version ${row.version}`,
      kind,
      kindLabel: kindLabel(kind),
      row,
      isLatest: latest?.version === row.version,
      previewHtml: previewHtml(kind, row.body),
    };
  }

  @Post(':kind/versions/:version/revert')
  @Redirect('/admin/documents', 303)
  async revert(
    @CurrentActor() actor: Actor,
    @Param('kind', KIND_404) kind: DocumentKind,
    @Param('version', VERSION_404) version: number,
    @Body() _form: FormBody,
  ): Promise<Redirection> {
    const saved = await this.editor.revert(actor, kind, version);
    return { url: `/admin/documents/${kind}?reverted=${saved.version}` };
  }

  /**
   * Validates the form and runs `action`; refused text (a bad field, an unknown
   * placeholder, a save that lost a race) shows the editor again with the
   * message and what was typed, status 400 (409 for the race).
   */
  private async refusedShowsEditor(kind: DocumentKind, form: RawForm, res: Response, action: (text: TemplateText) => Promise<void>): Promise<void> {
    try {
      const dto = await validateBody(TemplateVersionDto, form);
      await action({ title: dto.title, body: dto.body });
    } catch (error) {
      if (!(error instanceof BadInputError || error instanceof RequestValidationException || error instanceof ConflictError)) throw error;
      const typed = { title: typeof form.title === 'string' ? form.title : '', body: typeof form.body === 'string' ? form.body : '' };
      const status = error instanceof RequestValidationException ? 400 : error.status;
      const errors = error.errors ?? {};
      const formError = Object.keys(errors).length ? 'There is a problem with the template' : error.message;
      res.status(status).render('admin-documents/edit', await this.editPage(kind, typed, { errors, formError }));
    }
  }

  private async editPage(
    kind: DocumentKind,
    values: TemplateText,
    extra: { errors?: FieldErrors; formError?: string; previewHtml?: string; notice?: string },
  ): Promise<object> {
    const versions = await this.editor.versions(kind);
    const label = kindLabel(kind);
    return {
      title: extra.formError ? `Error: Edit the ${label.toLowerCase()}` : `Edit the ${label.toLowerCase()}`,
      kind,
      kindLabel: label,
      values,
      errors: extra.errors ?? {},
      formError: extra.formError,
      notice: extra.notice,
      previewHtml: extra.previewHtml,
      placeholders: this.editor.placeholders(kind),
      versions: versions.map((v, i) => ({ ...v, isLatest: i === 0 })),
      titleMax: TEMPLATE_TITLE_MAX,
      bodyMax: TEMPLATE_BODY_MAX,
    };
  }
}
