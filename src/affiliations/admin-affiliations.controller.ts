import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { ADMIN_DECISIONS, Decision, type TakenDecision } from './admin-decisions';
import type { QueueRow } from './affiliations.repository';
import { AffiliationsService } from './affiliations.service';
import { AffiliationResponseDto } from './dto/affiliation-response.dto';
import { EmptyActionDto, ReasonDto, RequestChangesDto } from './dto/decision.dto';
import { AgreeAmountDto } from './dto/pay-what-you-can.dto';
import { QueueQueryDto } from './dto/queue-query.dto';

/** Which body each decision takes, from the transition table, for the API's readers. */
const DECISION_BODIES = ADMIN_DECISIONS.map((d) => `\`${d.slug}\`: ${d.message ? `\`{ "${d.message.field}": "…" }\`` : '`{}`'}`).join('; ');

@ApiTags('admin')
@Roles('admin')
@Controller('api/admin/affiliations')
export class AdminAffiliationsController {
  constructor(private readonly affiliations: AffiliationsService) {}

  @Get()
  queue(@Query() query: QueueQueryDto): Promise<{ total: number; page: number; pageSize: number; items: QueueRow[] }> {
    return this.affiliations.queue(query);
  }

  @Get('counts')
  counts(): Promise<Record<string, number>> {
    return this.affiliations.counts();
  }

  @Get(':id')
  async get(@Param('id', UUID_404) id: string): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.getForAdmin(id));
  }

  /** Agrees the amount for a "pay what you can" request. Declared before `:id/:decision`, which would take its path. */
  @Post(':id/pay-what-you-can')
  @HttpCode(200)
  async agree(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: AgreeAmountDto): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.agreePayWhatYouCan(actor, id, dto.amountPence));
  }

  @Post(':id/:decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decides on an affiliation', description: `The decisions an admin takes, with the body each takes: ${DECISION_BODIES}.` })
  @ApiParam({ name: 'decision', enum: ADMIN_DECISIONS.map((d) => d.slug) })
  @ApiExtraModels(EmptyActionDto, ReasonDto, RequestChangesDto)
  @ApiBody({ schema: { anyOf: [EmptyActionDto, ReasonDto, RequestChangesDto].map((dto) => ({ $ref: getSchemaPath(dto) })) } })
  @ApiOkResponse({ type: AffiliationResponseDto, description: 'The affiliation after the decision' })
  @ApiBadRequestResponse({ description: 'The body is not the one the decision takes; `errors` names each field' })
  @ApiNotFoundResponse({ description: 'No such affiliation, or no such decision' })
  @ApiConflictResponse({ description: 'The affiliation’s status does not allow it (for example, another admin decided first)' })
  async decide(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Decision() decision: TakenDecision): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.decide(actor, id, decision.action, decision.message));
  }
}
