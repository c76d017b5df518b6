import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiFile } from '../common/openapi/api-docs.decorators';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import type { User } from '../users/user.entity';
import { BranchDocumentsService } from './branch-documents.service';
import { sendPersonalDownload } from './content-disposition';
import { DOCX_CONTENT_TYPE } from './documents.service';

/** A secretary's documents for their own branch, pre-filled; any other branch is 404. */
@ApiTags('documents')
@ApiParam({ name: 'id', type: String, format: 'uuid', description: 'The branch: one of yours (any other is 404)' })
@Controller('api/branches/:id/documents')
export class BranchDocumentsController {
  constructor(private readonly documents: BranchDocumentsService) {}

  @Get('model-motion.docx')
  @ApiOperation({ summary: 'Download the branch’s model motion (Word)', description: 'Filled in with the branch’s name and union, and this year’s meeting date once the affiliation gives it.' })
  @ApiFile(DOCX_CONTENT_TYPE, 'The model motion for the branch')
  async downloadBranchModelMotion(@CurrentUser() user: User, @Param('id', UUID_404) id: string, @Res() res: Response): Promise<void> {
    sendPersonalDownload(res, await this.documents.download(user, id, 'model-motion'));
  }

  @Get('affiliation-letter.docx')
  @ApiOperation({
    summary: 'Download the branch’s affiliation letter (Word)',
    description: 'Filled in with the branch’s details and address, the date the motion was passed and the fee agreed; what the portal does not know yet is left to fill in by hand.',
  })
  @ApiFile(DOCX_CONTENT_TYPE, 'The affiliation letter for the branch')
  async downloadAffiliationLetter(@CurrentUser() user: User, @Param('id', UUID_404) id: string, @Res() res: Response): Promise<void> {
    sendPersonalDownload(res, await this.documents.download(user, id, 'affiliation-letter'));
  }
}
