import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AffiliationsService } from '../affiliations/affiliations.service';
import { AffiliationResponseDto } from '../affiliations/dto/affiliation-response.dto';
import { EmptyActionDto, RejectDto, RequestChangesDto, SuspendDto } from '../affiliations/dto/decision.dto';
import { QueueQueryDto } from '../affiliations/dto/queue-query.dto';
import type { QueueRow } from '../affiliations/affiliations.repository';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { AgreeAmountDto } from './dto/admin.dto';

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

  @Post(':id/approve')
  @HttpCode(200)
  async approve(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() _dto: EmptyActionDto): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.decide(actor, id, 'approve'));
  }

  @Post(':id/reject')
  @HttpCode(200)
  async reject(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: RejectDto): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.decide(actor, id, 'reject', dto.reason));
  }

  @Post(':id/request-changes')
  @HttpCode(200)
  async requestChanges(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: RequestChangesDto): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.decide(actor, id, 'request_changes', dto.message));
  }

  @Post(':id/suspend')
  @HttpCode(200)
  async suspend(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: SuspendDto): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.decide(actor, id, 'suspend', dto.reason));
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  async reinstate(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() _dto: EmptyActionDto): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.decide(actor, id, 'reinstate'));
  }

  /** Agrees the amount for a "pay what you can" request. */
  @Post(':id/pay-what-you-can')
  @HttpCode(200)
  async agree(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: AgreeAmountDto): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.agreePayWhatYouCan(actor, id, dto.amountPence));
  }
}
