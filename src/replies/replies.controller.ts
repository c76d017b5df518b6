import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { refuseParameters } from '../common/http/refuse-parameters';
import { ApiErrorResponse } from '../common/openapi/api-error';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Public } from '../common/access';
import { ApiErrors } from '../common/openapi/api-docs.decorators';
import { ReplyAcceptedDto, replyInputOf, SubmitReplyDto } from './dto/replies.dto';
import { RepliesSummaryDto } from './dto/reply-responses.dto';
import { REPLIES_PER_HOUR, RepliesService } from './replies.service';

export const REPLY_ACCEPTED = 'Thank you: an admin will read it before it is counted. Only counts are ever published, never who wrote or what was said.';

@ApiTags('replies')
@Public()
@Controller('api')
export class RepliesController {
  constructor(private readonly replies: RepliesService) {}

  @Post('replies')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Tell the campaign about a reply to a letter',
    description:
      'Stored for an admin to read; counted in GET /api/public/replies/summary only once published. The representative’s name, the ' +
      `summary and the writer’s email are never public. For \`pcc\`, \`area\` is a police force area’s key or name. Limited to ${REPLIES_PER_HOUR} an hour per client address.`,
  })
  @ApiAcceptedResponse({ type: ReplyAcceptedDto })
  @ApiErrors(400, 429)
  async submitReply(@Body() dto: SubmitReplyDto, @CurrentActor() actor: Actor): Promise<ReplyAcceptedDto> {
    await this.replies.submit(replyInputOf(dto), actor);
    return { message: REPLY_ACCEPTED };
  }

  @Get('public/replies/summary')
  @ApiOperation({
    summary: 'Published tallies of replies',
    description:
      'Published replies by kind of recipient and by how they answered, PCC replies per police force area, and the answers to the ' +
      'two-week questionnaire. Counts only. Readable from any origin.',
  })
  @ApiErrorResponse(400, 'A parameter was given: the summary takes none')
  @ApiOkResponse({ type: RepliesSummaryDto, headers: { 'Cache-Control': { schema: { type: 'string', example: 'public, max-age=60' } } } })
  async repliesSummary(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<RepliesSummaryDto> {
    refuseParameters(req.query as Record<string, unknown>);
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.setHeader('Access-Control-Allow-Origin', '*');
    return RepliesSummaryDto.from(await this.replies.summary());
  }
}
