import { Body, Controller, Get, Header, HttpCode, Inject, Post, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiConsumes, ApiExcludeEndpoint, ApiHeader, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AFFILIATION_FEES, type AffiliationFees } from '../affiliations/affiliation-hooks';
import { Public } from '../common/access';
import { ApiErrors, ApiFile, ERROR_MEANINGS } from '../common/openapi/api-docs.decorators';
import { ErrorResponseDto } from '../common/openapi/error-response.dto';
import { DocumentsService, DOCX_CONTENT_TYPE, RenderedDocument } from './documents.service';
import { sendPersonalDownload } from './content-disposition';
import { ModelMotionFormDto } from './dto/model-motion-form.dto';
import { ModelMotionFormFilter } from './model-motion-form.filter';
import { modelMotionFormPage, ModelMotionFormPage } from './model-motion-form.page';
import { feeBandsText } from './placeholder-values';

/** Browsers may keep the generic motion a few minutes, then ask again with its ETag. */
const GENERIC_CACHE_CONTROL = 'public, max-age=300';
/**
 * The fee bands change seldom: like the template itself (checked every 10 s),
 * they are read again at most this often, so the generic motion stays an
 * answer from memory.
 */
const BANDS_TTL_MS = 10_000;

/** The model motion for anyone: blank, or filled in with a branch's details. No account, nothing stored. */
@Public()
@ApiTags('documents')
@Controller('documents')
export class DocumentsPageController {
  private bands?: { text: Promise<string>; at: number };

  constructor(
    private readonly documents: DocumentsService,
    @Inject(AFFILIATION_FEES) private readonly fees: AffiliationFees,
  ) {}

  /** The fee bands as the motion lists them, as admins last set them (at most BANDS_TTL_MS old). */
  private feeBands(): Promise<string> {
    if (!this.bands || Date.now() - this.bands.at > BANDS_TTL_MS) {
      const text = this.fees.bands().then(feeBandsText);
      text.catch(() => (this.bands = undefined));
      this.bands = { text, at: Date.now() };
    }
    return this.bands.text;
  }

  @Get('model-motion.docx')
  @ApiOperation({
    summary: 'Download the model motion (Word)',
    description:
      'The generic motion, with lines to fill in by hand and the fee bands as admins last set them. Public and cacheable for 5 minutes; ' +
      'send its ETag as If-None-Match to get 304 while it has not changed.',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of the copy you have' })
  @ApiFile(DOCX_CONTENT_TYPE, 'The model motion (with an ETag)')
  @ApiResponse({ status: 304, description: 'Not modified: the copy whose ETag you sent is current' })
  @ApiErrors(400)
  async downloadModelMotion(@Req() req: Request, @Res() res: Response): Promise<void> {
    const doc = await this.documents.generic('model-motion', { 'fee.bands': await this.feeBands() });
    res.setHeader('Content-Type', DOCX_CONTENT_TYPE);
    res.setHeader('Content-Disposition', doc.contentDisposition);
    res.setHeader('Cache-Control', GENERIC_CACHE_CONTROL);
    res.setHeader('ETag', doc.etag);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    this.documents.countDownload('model-motion', 'generic');
    res.setHeader('Content-Length', doc.buffer.length);
    res.end(req.method === 'HEAD' ? undefined : doc.buffer);
  }

  @Get('model-motion')
  @ApiExcludeEndpoint()
  @Header('Cache-Control', 'no-store')
  @Render('documents/model-motion')
  motionForm(): ModelMotionFormPage {
    return modelMotionFormPage();
  }

  @Post('model-motion')
  @HttpCode(200)
  @UseFilters(ModelMotionFormFilter)
  @ApiOperation({
    summary: 'Personalise the model motion (Word)',
    description:
      'The model motion filled in with the union and branch name given, and the meeting date if given, titled for the branch and ' +
      'listing the fee bands; no account needed and nothing stored. Form fields or JSON, with the CSRF token of the session GET /api/csrf started.',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiFile(DOCX_CONTENT_TYPE, 'The model motion with the branch’s details')
  @ApiResponse({
    status: 400,
    description: `${ERROR_MEANINGS[400]}. A client that asks for JSON (Accept: application/json) gets the error body; a browser's form post gets the form again, each message beside its field`,
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  async personaliseModelMotion(@Body() form: ModelMotionFormDto, @Res() res: Response): Promise<void> {
    const doc = await this.documents.render('model-motion', {
      'branch.name': form.branchName,
      union: form.union,
      'meeting.date': form.meetingDate ?? null,
      'fee.bands': await this.feeBands(),
    });
    this.documents.countDownload('model-motion', 'personalised');
    sendPersonalDownload(res, doc);
  }
}

