import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { refuseParameters } from '../common/http/refuse-parameters';
import { ApiErrorResponse } from '../common/openapi/api-error';
import { Public } from '../common/access';
import { PublicPoliceAreaDto, PublicPoliceAreasDto } from './dto/police-areas.dto';
import { PoliceAreasService } from './police-areas.service';

@ApiTags('police areas')
@Public()
@Controller('api/public/police-areas')
export class PoliceAreasController {
  constructor(private readonly areas: PoliceAreasService) {}

  @Get()
  @ApiOperation({
    summary: 'The UK’s police force areas and who holds each force to account',
    description:
      'Every territorial force of England and Wales with its Police and Crime Commissioner, Police, Fire and Crime Commissioner or ' +
      'elected mayor; Police Scotland (Scottish Police Authority); the PSNI (Northern Ireland Policing Board); and British ' +
      'Transport Police (its Authority). By name. Admins keep the names and bodies up to date.',
  })
  @ApiErrorResponse(400, 'A parameter was given: this list takes none')
  @ApiOkResponse({ type: PublicPoliceAreasDto, headers: { 'Cache-Control': { schema: { type: 'string', example: 'public, max-age=300' } } } })
  async listPoliceAreas(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<PublicPoliceAreasDto> {
    refuseParameters(req.query as Record<string, unknown>);
    res.setHeader('Cache-Control', 'public, max-age=300');
    return { items: (await this.areas.list()).map(PublicPoliceAreaDto.from) };
  }
}
