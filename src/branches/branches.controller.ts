import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor, CurrentUser } from '../auth/current-user.decorator';
import type { User } from '../users/user.entity';
import { BranchSecretariesService } from './branch-secretaries.service';
import { BranchesService, CLAIM_RECEIVED_MESSAGE } from './branches.service';
import { CreateBranchClaimDto } from './dto/branch-claim.dto';
import { BranchResponseDto } from './dto/branch-response.dto';
import { CreateBranchDto } from './dto/create-branch.dto';
import { AcceptHandoverDto, StartHandoverDto } from './dto/handover.dto';
import { UpdateBranchDto } from './dto/update-branch.dto';
import { UUID_404 } from '../common/pipes/uuid.pipe';

@ApiTags('branches')
@Controller('api/branches')
export class BranchesController {
  constructor(
    private readonly branches: BranchesService,
    private readonly secretaries: BranchSecretariesService,
  ) {}

  @Post()
  async create(@CurrentUser() user: User, @CurrentActor() actor: Actor, @Body() dto: CreateBranchDto): Promise<BranchResponseDto> {
    return BranchResponseDto.from(await this.branches.register(user, actor, dto));
  }

  @Get()
  async list(@CurrentUser() user: User): Promise<BranchResponseDto[]> {
    return (await this.branches.listMine(user)).map((b) => BranchResponseDto.from(b));
  }

  /**
   * Asks to take over a branch that is already registered; an admin confirms.
   * The same 202 whether or not such a branch exists (429 past the day's limit).
   */
  @Post('claims')
  @HttpCode(202)
  async claim(@CurrentUser() user: User, @CurrentActor() actor: Actor, @Body() dto: CreateBranchClaimDto): Promise<{ status: 'received'; message: string }> {
    await this.branches.requestTakeover(user, actor, dto);
    return { status: 'received', message: CLAIM_RECEIVED_MESSAGE };
  }

  @Get(':id')
  async get(@CurrentUser() user: User, @Param('id', UUID_404) id: string): Promise<BranchResponseDto> {
    return BranchResponseDto.from(await this.branches.getMine(user, id));
  }

  @Patch(':id')
  async update(
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
  async handover(
    @CurrentUser() user: User,
    @CurrentActor() actor: Actor,
    @Param('id', UUID_404) id: string,
    @Body() dto: StartHandoverDto,
  ): Promise<{ status: 'sent' }> {
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
  async accept(@CurrentUser() user: User, @CurrentActor() actor: Actor, @Body() dto: AcceptHandoverDto): Promise<BranchResponseDto> {
    return BranchResponseDto.from(await this.secretaries.acceptHandover(user, actor, dto.token));
  }
}
