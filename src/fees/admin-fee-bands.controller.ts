import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { MAX_PAGE_SIZE, PageQueryDto } from '../common/dto/page-query.dto';
import { Created } from '../common/openapi/api-docs.decorators';
import { PageOf, pageOf, type Page } from '../common/openapi/page.dto';
import { IntId404Pipe } from '../common/pipes/int-id.pipe';
import { CreateFeeBandDto, UpdateFeeBandDto } from './dto/fees-admin.dto';
import { FeeBandDto } from './dto/fee-band-response.dto';
import { FeeBandsService } from './fee-bands.service';

const BAND_404 = new IntId404Pipe('Fee band not found');

const BAND_ID = ApiParam({ name: 'id', schema: { type: 'integer', minimum: 1 }, description: 'The fee band' });

/**
 * Admins: the fee bands. A change applies to invoices raised from then on;
 * each invoice keeps the amount it was raised with.
 */
@ApiTags('fees')
@Roles('admin')
@Controller('api/admin/fee-bands')
export class AdminFeeBandsController {
  constructor(private readonly bands: FeeBandsService) {}

  @Get()
  @ApiOperation({ summary: 'List the fee bands', description: 'From the smallest membership up. A short list: one page unless a smaller page size is asked for.' })
  @ApiOkResponse({ type: PageOf(FeeBandDto) })
  async listFeeBands(@Query() query: PageQueryDto): Promise<Page<FeeBandDto>> {
    const bands = (await this.bands.list()).map((b) => FeeBandDto.from(b));
    return pageOf(bands, query.page ?? 1, query.pageSize ?? MAX_PAGE_SIZE);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a fee band' })
  @BAND_ID
  @ApiOkResponse({ type: FeeBandDto })
  async getFeeBand(@Param('id', BAND_404) id: number): Promise<FeeBandDto> {
    return FeeBandDto.from(await this.bands.get(id));
  }

  @Post()
  @ApiOperation({
    summary: 'Add a fee band',
    description: 'From `minMembers` to just below the next band’s start; the band below it now ends there. Two bands cannot start at the same size (400).',
  })
  @Created(FeeBandDto, (band) => `/api/admin/fee-bands/${band.id}`, 'The band added')
  async addFeeBand(@CurrentActor() actor: Actor, @Body() dto: CreateFeeBandDto): Promise<FeeBandDto> {
    return FeeBandDto.from(await this.bands.add(actor, dto));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a fee band',
    description:
      'Its label, fee, where it starts (the band below then ends just before) or whether regional and national bodies pay it. The lowest ' +
      'band always starts at 1 and no two bands start together (400).',
  })
  @BAND_ID
  @ApiOkResponse({ type: FeeBandDto, description: 'The band as it now is' })
  async updateFeeBand(@CurrentActor() actor: Actor, @Param('id', BAND_404) id: number, @Body() dto: UpdateFeeBandDto): Promise<FeeBandDto> {
    return FeeBandDto.from(await this.bands.update(actor, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a fee band',
    description: 'Its members fall in the band below (for the lowest band, the one above, which then starts at 1). The last band cannot be removed (400).',
  })
  @BAND_ID
  @ApiNoContentResponse({ description: 'Removed' })
  async removeFeeBand(@CurrentActor() actor: Actor, @Param('id', BAND_404) id: number): Promise<void> {
    await this.bands.remove(actor, id);
  }
}
