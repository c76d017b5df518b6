import { Controller, Get, Param, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import type { User } from '../users/user.entity';
import { InvoicesService } from './invoices.service';

/** The secretary's (and treasurer's) invoices page: balance, how to pay, downloads. */
@ApiExcludeController()
@Controller('branch/:id/invoices')
export class FeesPageController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get()
  @Render('fees/branch-invoices')
  async show(@CurrentUser() user: User, @Param('id', UUID_404) id: string): Promise<object> {
    const view = await this.invoices.forSecretary(user, id);
    const toPay = view.invoices.filter((i) => i.outstandingPence > 0);
    return { title: 'Invoices and payments', ...view, toPay, payNow: toPay[toPay.length - 1] ?? null };
  }
}
