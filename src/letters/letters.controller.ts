import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../common/access';
import { ApiErrors, ApiFile, ERROR_MEANINGS } from '../common/openapi/api-docs.decorators';
import { ErrorResponseDto } from '../common/openapi/error-response.dto';
import { FormView } from '../common/http/form-view';
import { sendPersonalDownload } from '../documents/content-disposition';
import { DOCX_CONTENT_TYPE } from '../documents/documents.service';
import type { User } from '../users/user.entity';
import { LetterFormDto } from './dto/letter-form.dto';
import { LetterTextDto } from './dto/letter-text.dto';
import { RECIPIENT_404 } from './letter-recipient.pipe';
import { LETTER_RECIPIENTS, type LetterRecipient } from './letter-recipients';
import { LetterPages } from './letter-pages';
import { LettersService } from './letters.service';

const KIND_PARAM = {
  name: 'kind',
  enum: LETTER_RECIPIENTS,
  enumName: 'LetterRecipient',
  description: 'Whom the letter is to: mp, councillor, pcc (or the body that holds the force to account), home-affairs-committee, home-office',
} as const;
const NOTHING_STORED = 'Nothing is stored: the letter is made when asked for and sent straight back, and no download is counted.';
const AS_BRANCH = 'With `branchId`, a signed-in secretary writes as one of their own branches (its letterhead, signed on its behalf); any other branch is 404.';

/** A letter for anyone (or a secretary's branch) as a .docx or as plain text. */
@Public()
@ApiTags('letters')
@ApiParam(KIND_PARAM)
@Controller()
export class LettersController {
  constructor(
    private readonly letters: LettersService,
    readonly pages: LetterPages,
  ) {}

  @Post('documents/letters/:kind')
  @HttpCode(200)
  @FormView<LettersController>('letters/write', undefined, (c, req) => c.pages.writeContext(req))
  @ApiOperation({
    summary: 'Download a letter (Word)',
    description: `The recipient's letter with your details, your own paragraphs first, the date and your signature. Form fields or JSON, with the CSRF token of the session GET /api/csrf started. ${AS_BRANCH} ${NOTHING_STORED}`,
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiFile(DOCX_CONTENT_TYPE, 'The letter')
  @ApiResponse({
    status: 400,
    description: `${ERROR_MEANINGS[400]}. A client that asks for JSON gets the error body, each message under its field in \`errors\`; a browser's form post gets the builder again, each message beside its field`,
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } }, 'text/html': { schema: { type: 'string' } } },
  })
  @ApiErrors(404)
  async downloadLetter(@Param('kind', RECIPIENT_404) kind: LetterRecipient, @Body() form: LetterFormDto, @CurrentUser() user: User | undefined, @Res() res: Response): Promise<void> {
    sendPersonalDownload(res, await this.letters.docx(kind, form, user));
  }

  @Post('api/letters/:kind')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A letter as plain text, with a subject line',
    description: `The same letter as POST /documents/letters/{kind}, as text to paste into an email or a representative's web form. ${AS_BRANCH} ${NOTHING_STORED}`,
  })
  @ApiOkResponse({ type: LetterTextDto })
  @ApiErrors(400, 404)
  async letterText(@Param('kind', RECIPIENT_404) kind: LetterRecipient, @Body() form: LetterFormDto, @CurrentUser() user: User | undefined): Promise<LetterTextDto> {
    const { subject, text } = await this.letters.text(kind, form, user);
    return { subject, text };
  }
}
