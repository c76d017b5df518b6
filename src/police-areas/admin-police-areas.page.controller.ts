import { Body, Controller, Get, Param, Post, Query, Redirect, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { FormView } from '../common/http/form-view';
import { UpdatePoliceAreaFormDto } from './dto/police-areas.dto';
import { BODY_KIND, BODY_KINDS } from './police-area-kinds';
import { PoliceAreaKeyPipe } from './police-area-key.pipe';
import { PoliceAreaNotFoundError } from './police-areas.errors';
import { PoliceAreasService } from './police-areas.service';

const kinds = BODY_KINDS.map((key) => ({ key, name: BODY_KIND[key].label }));
const FORM_TITLE = 'Change a police force area';

/** Admins: the police force areas and their accountable bodies, corrected one at a time. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/police-areas')
export class AdminPoliceAreasPageController {
  constructor(private readonly areas: PoliceAreasService) {}

  @Get()
  @Render('police-areas/admin-list')
  async list(@Query('done') done?: unknown): Promise<object> {
    const areas = (await this.areas.list()).map((a) => ({ ...a, kindLabel: BODY_KIND[a.bodyKind].label }));
    return { title: 'Police force areas', areas, done: done === 'saved' ? 'The police force area is saved.' : undefined };
  }

  @Get(':key')
  @Render('police-areas/admin-form')
  async form(@Param('key', PoliceAreaKeyPipe) key: string): Promise<object> {
    const area = await this.areas.findByKey(key);
    if (!area) throw new PoliceAreaNotFoundError();
    return { title: FORM_TITLE, area, kinds, values: { name: area.name, accountableBody: area.accountableBody, bodyKind: area.bodyKind }, errors: {} };
  }

  @Post(':key')
  @FormView('police-areas/admin-form', (req) => ({ title: FORM_TITLE, kinds, area: { key: req.params.key } }))
  @Redirect('/admin/police-areas', 303)
  async save(@Param('key', PoliceAreaKeyPipe) key: string, @Body() dto: UpdatePoliceAreaFormDto, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    await this.areas.update(actor, key, { name: dto.name, accountableBody: dto.accountableBody, bodyKind: dto.bodyKind });
    return { url: '/admin/police-areas?done=saved' };
  }
}
