import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/access';
import type { FeeBand } from '../fees/fee-band.entity';
import { FeeBandsService } from '../fees/fee-bands.service';

@ApiExcludeController()
@Public()
@Controller()
export class HomePageController {
  constructor(private readonly feeBands: FeeBandsService) {}

  /** The fee table shows the bands as admins last edited them. */
  @Get()
  @Render('home/index')
  async index(): Promise<{ title: string; fees: FeeBand[] }> {
    return { title: 'Affiliate your branch', fees: await this.feeBands.list() };
  }
}
