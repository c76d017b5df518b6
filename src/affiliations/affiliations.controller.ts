import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor, CurrentUser } from '../auth/current-user.decorator';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import type { User } from '../users/user.entity';
import { AffiliationsService } from './affiliations.service';
import { AffiliationResponseDto } from './dto/affiliation-response.dto';
import { CreateAffiliationDto } from './dto/create-affiliation.dto';
import { EmptyActionDto } from './dto/decision.dto';

@ApiTags('affiliations')
@Controller('api/branches/:branchId/affiliations')
export class AffiliationsController {
  constructor(private readonly affiliations: AffiliationsService) {}

  @Post()
  async submit(
    @CurrentUser() user: User,
    @CurrentActor() actor: Actor,
    @Param('branchId', UUID_404) branchId: string,
    @Body() dto: CreateAffiliationDto,
  ): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.submit(user, actor, branchId, dto));
  }

  @Get()
  async list(@CurrentUser() user: User, @Param('branchId', UUID_404) branchId: string): Promise<AffiliationResponseDto[]> {
    return (await this.affiliations.listForBranch(user, branchId)).map((a) => AffiliationResponseDto.from(a));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  async withdraw(
    @CurrentUser() user: User,
    @CurrentActor() actor: Actor,
    @Param('branchId', UUID_404) branchId: string,
    @Param('id', UUID_404) id: string,
    @Body() _dto: EmptyActionDto,
  ): Promise<AffiliationResponseDto> {
    return AffiliationResponseDto.from(await this.affiliations.withdraw(user, actor, branchId, id));
  }
}
