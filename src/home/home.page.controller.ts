import { Public } from '../common/access';
import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

@ApiExcludeController()
@Public()
@Controller()
export class HomePageController {
  @Get()
  @Render('home/index')
  index(): { title: string } {
    return { title: 'Affiliate your branch' };
  }
}
