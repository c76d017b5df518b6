import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { ApiErrorResponse } from '../common/openapi/api-error';
import { ApiUuidParam } from '../common/openapi/api-params';
import { PageOf, type Page } from '../common/openapi/page.dto';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { ADMIN_DECISIONS, Decision, type TakenDecision } from './admin-decisions';
import { AffiliationsService } from './affiliations.service';
import { AffiliationCountsDto, AffiliationQueueItemDto } from './dto/affiliation-queue.dto';
import { AffiliationResponseDto } from './dto/affiliation-response.dto';
import { EmptyActionDto, ReasonDto, RequestChangesDto } from './dto/decision.dto';
import { BulkDecisionDto, BulkDecisionResponseDto, MAX_BULK_IDS } from './dto/bulk-decision.dto';
import { AgreeAmountDto } from './dto/pay-what-you-can.dto';
import { QueueQueryDto } from './dto/queue-query.dto';

/** Which body each decision takes, from the transition table, for the API's readers. */
const DECISION_BODIES = ADMIN_DECISIONS.map((d) => `\`${d.slug}\`: ${d.message ? `\`{ "${d.message.field}": "…" }\`` : '`{}`'}`).join('; ');

/** One example body per decision, named after it, from the same table. */
const DECISION_EXAMPLES = Object.fromEntries(
  ADMIN_DECISIONS.map((d) => [
    d.slug,
    { summary: d.message ? `${d.slug}: ${d.message.label}` : `${d.slug}: no message`, value: d.message ? { [d.message.field]: 'Please give the date of the meeting.' } : {} },
  ]),
);

@ApiTags('admin')
@Roles('admin')
@Controller('api/admin/affiliations')
export class AdminAffiliationsController {
  constructor(private readonly affiliations: AffiliationsService) {}

  @Get()
  @ApiOperation({ summary: 'Lists the affiliations queue', description: 'Filtered by status, union and region; oldest submission first unless `sort` says otherwise.' })
  @ApiOkResponse({ type: PageOf(AffiliationQueueItemDto) })
  async listAffiliationQueue(@Query() query: QueueQueryDto): Promise<Page<AffiliationQueueItemDto>> {
    const page = await this.affiliations.queue(query);
    return { ...page, items: page.items.map((r) => AffiliationQueueItemDto.from(r)) };
  }

  @Get('counts')
  @ApiOperation({ summary: 'Counts affiliations by status', description: 'Every status, zero included.' })
  @ApiOkResponse({ type: AffiliationCountsDto })
  countAffiliationsByStatus(): Promise<AffiliationCountsDto> {
    return this.affiliations.counts();
  }

  @Get(':id')
  @ApiOperation({ summary: 'Gets an affiliation' })
  @ApiUuidParam('id', 'The affiliation')
  @ApiOkResponse({ type: AffiliationResponseDto })
  async getAffiliation(@Param('id', UUID_404) id: string): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.getForAdmin(id));
  }

  @Post('bulk')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Takes one decision on several affiliations',
    description:
      `Approves each of 1 to ${MAX_BULK_IDS} affiliations in the order given, each in a transaction of its own, with its own audit event and email ` +
      'to its secretary, as POST /api/admin/affiliations/{id}/approve would. The answer says what became of each: one already decided ' +
      '(by another admin, or by this request sent before) is a `conflict` and is left as it is, so sending the same request again is safe. ' +
      'Of admins deciding the same affiliation at once, exactly one approves it.',
  })
  @ApiOkResponse({ type: BulkDecisionResponseDto, description: 'What became of each affiliation, in the order given' })
  @ApiErrorResponse(400, `The body is not valid: \`errors\` names each field (\`action\` not one this takes; \`ids\` missing, empty, over ${MAX_BULK_IDS}, repeating an id, or holding one that is not a UUID)`)
  async decideAffiliationsInBulk(@CurrentActor() actor: Actor, @Body() dto: BulkDecisionDto): Promise<BulkDecisionResponseDto> {
    return { results: await this.affiliations.decideEach(actor, dto.action, dto.ids) };
  }

  /** Agrees the amount for a "pay what you can" request. Declared before `:id/:decision`, which would take its path. */
  @Post(':id/pay-what-you-can')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Agrees what a branch that pays what it can will pay',
    description: 'Sets the fee to the amount agreed; an invoice already raised is changed to match. Audited.',
  })
  @ApiUuidParam('id', 'The affiliation')
  @ApiOkResponse({ type: AffiliationResponseDto, description: 'The affiliation with the amount agreed' })
  @ApiErrorResponse(409, 'The branch did not ask to pay what it can')
  async agreePayWhatYouCan(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: AgreeAmountDto): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.agreePayWhatYouCan(actor, id, dto.amountPence));
  }

  @Post(':id/:decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decides on an affiliation',
    description:
      `The decisions an admin takes, each allowed from the statuses the transition table gives it, with the body each takes: ${DECISION_BODIES}. ` +
      'The message is sent to the branch secretary. Of two admins deciding at once, one wins; the other, and any repeat of a decision already taken, gets 409.',
  })
  @ApiUuidParam('id', 'The affiliation')
  @ApiParam({ name: 'decision', enum: ADMIN_DECISIONS.map((d) => d.slug), enumName: 'AffiliationDecision', description: 'What the admin decides' })
  @ApiExtraModels(EmptyActionDto, ReasonDto, RequestChangesDto)
  @ApiBody({
    description: `The body the decision takes: ${DECISION_BODIES}. Any other field is refused (400).`,
    schema: { anyOf: [EmptyActionDto, ReasonDto, RequestChangesDto].map((dto) => ({ $ref: getSchemaPath(dto) })) },
    examples: DECISION_EXAMPLES,
  })
  @ApiOkResponse({ type: AffiliationResponseDto, description: 'The affiliation after the decision' })
  @ApiErrorResponse(400, 'The body is not the one the decision takes: `errors` names each field (a missing reason or message, or a field it does not take)')
  @ApiErrorResponse(404, 'No such affiliation, or no such decision')
  @ApiErrorResponse(
    409,
    'The affiliation’s status does not allow this decision: it was already decided (a second approval, or another admin first), so nothing changed',
  )
  async decideAffiliation(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Decision() decision: TakenDecision): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.decide(actor, id, decision.action, decision.message));
  }
}
