import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor, CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { MessageResponseDto } from '../common/dto/message-response.dto';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { PageOf, type Page } from '../common/openapi/page.dto';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import type { User } from '../users/user.entity';
import {
  CreateUpdateDto,
  CreatedUpdateDto,
  PreviewUpdateDto,
  RecipientCountDto,
  UpdateAudiencesDto,
  UpdateDetailDto,
  UpdatePreviewDto,
  UpdateSummaryDto,
  UpdateTextDto,
} from './dto/email-update.dto';
import { EmailUpdatesService, UPDATES_PAGE_SIZE } from './email-updates.service';

@ApiTags('updates')
@Roles('admin')
@Controller('api/admin/updates')
export class AdminUpdatesController {
  constructor(private readonly updates: EmailUpdatesService) {}

  @Get()
  @ApiOperation({ summary: 'Sent email updates, newest first, with their recipient counts and progress' })
  @ApiOkResponse({ type: PageOf(UpdateSummaryDto) })
  list(@Query() query: PageQueryDto): Promise<Page<UpdateSummaryDto>> {
    return this.updates.list(query.page, query.pageSize ?? UPDATES_PAGE_SIZE);
  }

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send an email update to the chosen audiences',
    description:
      'Snapshots the recipients now (each address once across the audiences) and sends through the outbox in batches ' +
      '(UPDATES_BATCH_SIZE, UPDATES_BATCH_PAUSE_SECONDS). Each email has a one-click unsubscribe link and headers. ' +
      '400 when an audience is not offered or nobody is in the chosen ones.',
  })
  @ApiAcceptedResponse({ type: CreatedUpdateDto, description: 'The update is saved and its first batch queued' })
  create(@Body() dto: CreateUpdateDto, @CurrentActor() actor: Actor): Promise<CreatedUpdateDto> {
    return this.updates.create(actor, dto);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'The body of an update as its email shows it (nothing is saved or sent)' })
  @ApiOkResponse({ type: UpdatePreviewDto })
  preview(@Body() dto: PreviewUpdateDto): UpdatePreviewDto {
    return { html: this.updates.preview(dto.body) };
  }

  @Post('recipients')
  @HttpCode(200)
  @ApiOperation({ summary: 'How many people an update to these audiences would reach now (nothing is saved or sent)' })
  @ApiOkResponse({ type: RecipientCountDto })
  async recipients(@Body() dto: UpdateAudiencesDto): Promise<RecipientCountDto> {
    return { recipients: await this.updates.countRecipients(dto.audiences) };
  }

  @Post('sample')
  @HttpCode(202)
  @ApiOperation({ summary: 'Email a sample of an update to myself (marked as a sample; nothing is saved)' })
  @ApiAcceptedResponse({ type: MessageResponseDto, description: 'The sample is queued to your own address' })
  async sample(@Body() dto: UpdateTextDto, @CurrentUser() user: User, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.updates.sendSample(user, actor, dto);
    return MessageResponseDto.of(`A sample is on its way to ${user.email}`);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One sent update: its text, audiences, recipient count and progress' })
  @ApiOkResponse({ type: UpdateDetailDto })
  get(@Param('id', UUID_404) id: string): Promise<UpdateDetailDto> {
    return this.updates.get(id);
  }
}
