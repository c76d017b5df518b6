import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor, CurrentUser } from '../auth/current-user.decorator';
import { MAX_PAGE_SIZE, PageQueryDto } from '../common/dto/page-query.dto';
import { ApiErrors, Created } from '../common/openapi/api-docs.decorators';
import { ApiErrorResponse } from '../common/openapi/api-error';
import { ApiUuidParam } from '../common/openapi/api-params';
import { PageOf, type Page } from '../common/openapi/page.dto';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import type { User } from '../users/user.entity';
import { AffiliationsService } from './affiliations.service';
import { AffiliationResponseDto } from './dto/affiliation-response.dto';
import { CreateAffiliationDto } from './dto/create-affiliation.dto';
import { EmptyActionDto } from './dto/decision.dto';

/** One affiliation a year: a branch's whole history fits one page by default. */
const AFFILIATIONS_PAGE_SIZE = MAX_PAGE_SIZE;

@ApiTags('affiliations')
@ApiUuidParam('branchId', 'One of your branches')
@Controller('api/branches/:branchId/affiliations')
export class AffiliationsController {
  constructor(private readonly affiliations: AffiliationsService) {}

  @Post()
  @ApiOperation({
    summary: 'Submits this year’s affiliation',
    description:
      'Starts and submits the branch’s affiliation for this year, with the fee of its band; an affiliation sent back for changes, or ' +
      'withdrawn, is resubmitted with the new answers (the same id; a withdrawn one keeps the fee of the invoice already raised). ' +
      'Needs a confirmed email address.',
  })
  @Created(AffiliationResponseDto, (a) => `/api/branches/${a.branchId}/affiliations/${a.id}`, 'The affiliation, submitted')
  @ApiErrorResponse(403, 'The CSRF token is missing or stale, or the account’s email address is not confirmed yet')
  @ApiErrorResponse(409, 'This year’s affiliation was already sent and is neither waiting for changes nor withdrawn')
  async submitAffiliation(
    @CurrentUser() user: User,
    @CurrentActor() actor: Actor,
    @Param('branchId', UUID_404) branchId: string,
    @Body() dto: CreateAffiliationDto,
  ): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.submit(user, actor, branchId, dto));
  }

  @Get()
  @ApiOperation({ summary: 'Lists a branch’s affiliations', description: 'One a year, newest first.' })
  @ApiOkResponse({ type: PageOf(AffiliationResponseDto) })
  async listBranchAffiliations(
    @CurrentUser() user: User,
    @Param('branchId', UUID_404) branchId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<AffiliationResponseDto>> {
    const page = await this.affiliations.listForBranch(user, branchId, query.page ?? 1, query.pageSize ?? AFFILIATIONS_PAGE_SIZE);
    return { ...page, items: page.items.map((a) => AffiliationResponseDto.from(a)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Gets one of a branch’s affiliations' })
  @ApiUuidParam('id', 'The affiliation')
  @ApiOkResponse({ type: AffiliationResponseDto })
  async getBranchAffiliation(
    @CurrentUser() user: User,
    @Param('branchId', UUID_404) branchId: string,
    @Param('id', UUID_404) id: string,
  ): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.getMine(user, branchId, id));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraws an affiliation', description: 'An approved affiliation (or a renewal not yet paid); the branch leaves the public list.' })
  @ApiUuidParam('id', 'The affiliation')
  @ApiOkResponse({ type: AffiliationResponseDto, description: 'The affiliation, withdrawn' })
  @ApiErrors(409)
  async withdrawAffiliation(
    @CurrentUser() user: User,
    @CurrentActor() actor: Actor,
    @Param('branchId', UUID_404) branchId: string,
    @Param('id', UUID_404) id: string,
    @Body() _dto: EmptyActionDto,
  ): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.withdraw(user, actor, branchId, id));
  }
}
