import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { ApiErrorResponse } from '../common/openapi/api-error';
import { PoliceAreaDto, PoliceAreasDto, UpdatePoliceAreaDto } from './dto/police-areas.dto';
import { PoliceAreaKeyPipe } from './police-area-key.pipe';
import { PoliceAreasService } from './police-areas.service';

@ApiTags('admin: police areas')
@Roles('admin')
@Controller('api/admin/police-areas')
export class AdminPoliceAreasController {
  constructor(private readonly areas: PoliceAreasService) {}

  @Get()
  @ApiOperation({ summary: 'Police force areas, with the kind of body', description: 'By name; every area (a short list, one page).' })
  @ApiOkResponse({ type: PoliceAreasDto })
  async listAdminPoliceAreas(): Promise<PoliceAreasDto> {
    return { items: (await this.areas.list()).map(PoliceAreaDto.from) };
  }

  @Put(':key')
  @ApiOperation({ summary: 'Correct a police force area’s name or accountable body', description: 'The key never changes. Audited with before and after.' })
  @ApiParam({ name: 'key', schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }, description: 'The area' })
  @ApiOkResponse({ type: PoliceAreaDto, description: 'The area as it now is' })
  @ApiErrorResponse(404, 'No such police force area')
  async updatePoliceArea(@Param('key', PoliceAreaKeyPipe) key: string, @Body() dto: UpdatePoliceAreaDto, @CurrentActor() actor: Actor): Promise<PoliceAreaDto> {
    return PoliceAreaDto.from(await this.areas.update(actor, key, dto));
  }
}
