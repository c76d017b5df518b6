import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import type { User } from '../users/user.entity';
import { BranchDocumentsService } from './branch-documents.service';
import { sendPersonalDownload } from './content-disposition';
import { DOCX_CONTENT_TYPE, type RenderedDocument } from './documents.service';

/** A secretary's documents for their own branch, pre-filled; any other branch is 404. */
@ApiTags('documents')
@Controller('api/branches/:id/documents')
export class BranchDocumentsController {
  constructor(private readonly documents: BranchDocumentsService) {}

  @Get('model-motion.docx')
  @ApiProduces(DOCX_CONTENT_TYPE)
  @ApiOkResponse({ description: "The model motion with the branch's name and union (and this year's meeting date, once submitted)" })
  async motion(@CurrentUser() user: User, @Param('id', UUID_404) id: string, @Res() res: Response): Promise<void> {
    sendPersonalDownload(res, await this.documents.download(user, id, 'model-motion'));
  }

  @Get('affiliation-letter.docx')
  @ApiProduces(DOCX_CONTENT_TYPE)
  @ApiOkResponse({ description: "The affiliation letter with the branch's details, motion date and fee" })
  async letter(@CurrentUser() user: User, @Param('id', UUID_404) id: string, @Res() res: Response): Promise<void> {
    sendPersonalDownload(res, await this.documents.download(user, id, 'affiliation-letter'));
  }
}

