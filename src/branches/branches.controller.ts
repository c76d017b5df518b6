import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor, CurrentUser } from '../auth/current-user.decorator';
import { MAX_PAGE_SIZE, PageQueryDto } from '../common/dto/page-query.dto';
import { Created } from '../common/openapi/api-docs.decorators';
import { ApiErrorResponse } from '../common/openapi/api-error';
import { ApiUuidParam } from '../common/openapi/api-params';
import { PageOf, type Page } from '../common/openapi/page.dto';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import type { User } from '../users/user.entity';
import { BranchSecretariesService } from './branch-secretaries.service';
import { BranchesService, CLAIM_RECEIVED_MESSAGE } from './branches.service';
import { ClaimReceivedDto, CreateBranchClaimDto } from './dto/branch-claim.dto';
import { BranchResponseDto } from './dto/branch-response.dto';
import { CreateBranchDto } from './dto/create-branch.dto';
import { AcceptHandoverDto, HandoverSentDto, StartHandoverDto } from './dto/handover.dto';
import { UpdateBranchDto } from './dto/update-branch.dto';

/** A secretary has a handful of branches: by default they all come on one page, as they always did. */
const MY_BRANCHES_PAGE_SIZE = MAX_PAGE_SIZE;

const PROBE_LIMIT = 'Too many answers about branches that are already registered today (BRANCH_PROBES_PER_DAY): wait the seconds in Retry-After';
const DUPLICATE =
  'A branch of this union with this name or code is already registered: `errors` names the field and has `duplicate: ["true"]`; ask to take it over (POST /api/branches/claims)';

@ApiTags('branches')
@Controller('api/branches')
export class BranchesController {
  constructor(
    private readonly branches: BranchesService,
    private readonly secretaries: BranchSecretariesService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Registers a branch', description: 'The signed-in secretary becomes its secretary.' })
  @Created(BranchResponseDto, (b) => `/api/branches/${b.id}`, 'The branch registered')
  @ApiErrorResponse(409, DUPLICATE)
  @ApiErrorResponse(429, PROBE_LIMIT)
  async registerBranch(@CurrentUser() user: User, @CurrentActor() actor: Actor, @Body() dto: CreateBranchDto): Promise<BranchResponseDto> {
    return BranchResponseDto.from(await this.branches.register(user, actor, dto));
  }

  @Get()
  @ApiOperation({ summary: 'Lists my branches', description: 'The branches the signed-in secretary looks after, oldest first.' })
  @ApiOkResponse({ type: PageOf(BranchResponseDto) })
  async listMyBranches(@CurrentUser() user: User, @Query() query: PageQueryDto): Promise<Page<BranchResponseDto>> {
    const page = await this.branches.pageMine(user, query.page ?? 1, query.pageSize ?? MY_BRANCHES_PAGE_SIZE);
    return { ...page, items: page.items.map((b) => BranchResponseDto.from(b)) };
  }

  /**
   * Asks to take over a branch that is already registered; an admin confirms.
   * The same 202 whether or not such a branch exists (429 past the day's limit).
   */
  @Post('claims')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Asks to take over a registered branch',
    description:
      'Names the branch as at registration; an admin confirms. The same 202 whether or not such a branch exists, so the answer never ' +
      'says whether a branch is registered; each request counts against the day’s limit of such answers.',
  })
  @ApiAcceptedResponse({ type: ClaimReceivedDto, description: 'Received (whether or not the branch exists)' })
  @ApiErrorResponse(409, 'You are already the secretary of that branch')
  @ApiErrorResponse(429, PROBE_LIMIT)
  async requestBranchTakeover(@CurrentUser() user: User, @CurrentActor() actor: Actor, @Body() dto: CreateBranchClaimDto): Promise<ClaimReceivedDto> {
    await this.branches.requestTakeover(user, actor, dto);
    return { status: 'received', message: CLAIM_RECEIVED_MESSAGE };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Gets one of my branches' })
  @ApiUuidParam('id', 'The branch')
  @ApiOkResponse({ type: BranchResponseDto })
  async getBranch(@CurrentUser() user: User, @Param('id', UUID_404) id: string): Promise<BranchResponseDto> {
    return BranchResponseDto.from(await this.branches.getMine(user, id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edits one of my branches',
    description: 'Only the fields sent change. Changing the union, name or membership sends the current affiliation back for review.',
  })
  @ApiUuidParam('id', 'The branch')
  @ApiOkResponse({ type: BranchResponseDto, description: 'The branch as it is now' })
  @ApiErrorResponse(409, DUPLICATE)
  @ApiErrorResponse(429, `${PROBE_LIMIT} (a new name or code is checked against the registered ones)`)
  async updateBranch(
    @CurrentUser() user: User,
    @CurrentActor() actor: Actor,
    @Param('id', UUID_404) id: string,
    @Body() dto: UpdateBranchDto,
  ): Promise<BranchResponseDto> {
    return BranchResponseDto.from(await this.branches.update(user, actor, id, dto));
  }

  /** Emails the next secretary a single-use link to take the branch over. */
  @Post(':id/handover')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Hands one of my branches over',
    description: 'Emails the next secretary a single-use link; they accept it signed in with that address (POST /api/handovers/accept).',
  })
  @ApiUuidParam('id', 'The branch')
  @ApiAcceptedResponse({ type: HandoverSentDto, description: 'The invitation is on its way' })
  async startHandover(
    @CurrentUser() user: User,
    @CurrentActor() actor: Actor,
    @Param('id', UUID_404) id: string,
    @Body() dto: StartHandoverDto,
  ): Promise<HandoverSentDto> {
    await this.secretaries.startHandover(user, actor, id, dto.email);
    return { status: 'sent' };
  }
}

@ApiTags('branches')
@Controller('api/handovers')
export class HandoversController {
  constructor(private readonly secretaries: BranchSecretariesService) {}

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accepts a hand-over', description: 'With the token from the emailed link; the signed-in secretary becomes the branch’s secretary.' })
  @ApiOkResponse({ type: BranchResponseDto, description: 'The branch, now yours' })
  @ApiErrorResponse(403, 'The CSRF token is missing or stale; or the link was sent to another address, or this account’s address is not confirmed yet')
  @ApiErrorResponse(404, 'The link is not valid: used already, cancelled or expired')
  @ApiErrorResponse(409, 'You are already the secretary of this branch')
  async acceptHandover(@CurrentUser() user: User, @CurrentActor() actor: Actor, @Body() dto: AcceptHandoverDto): Promise<BranchResponseDto> {
    return BranchResponseDto.from(await this.secretaries.acceptHandover(user, actor, dto.token));
  }
}
