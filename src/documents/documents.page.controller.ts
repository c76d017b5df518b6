import { Body, Controller, Get, Header, HttpCode, Post, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiConsumes, ApiExcludeEndpoint, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/access';
import { DocumentsService, DOCX_CONTENT_TYPE, RenderedDocument } from './documents.service';
import { sendPersonalDownload } from './content-disposition';
import { ModelMotionFormDto } from './dto/model-motion-form.dto';
import { ModelMotionFormFilter } from './model-motion-form.filter';
import { modelMotionFormPage, ModelMotionFormPage } from './model-motion-form.page';

/** Browsers may keep the generic motion a few minutes, then ask again with its ETag. */
const GENERIC_CACHE_CONTROL = 'public, max-age=300';

/** The model motion for anyone: blank, or filled in with a branch's details. No account, nothing stored. */
@Public()
@ApiTags('documents')
@Controller('documents')
export class DocumentsPageController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('model-motion.docx')
  @ApiProduces(DOCX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'The model motion with lines to fill in by hand. 304 when If-None-Match has its ETag.' })
  async genericMotion(@Req() req: Request, @Res() res: Response): Promise<void> {
    const doc = await this.documents.generic('model-motion');
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
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces(DOCX_CONTENT_TYPE)
  @ApiOkResponse({ description: "The model motion with the branch's details. Refused input: the form again, 400." })
  async personalisedMotion(@Body() form: ModelMotionFormDto, @Res() res: Response): Promise<void> {
    const doc = await this.documents.render('model-motion', { union: form.union, 'branch.name': form.branchName, 'meeting.date': form.meetingDate ?? null });
    this.documents.countDownload('model-motion', 'personalised');
    sendPersonalDownload(res, doc);
  }
}

