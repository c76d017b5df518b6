import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Render, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../common/access';
import { FormView } from '../common/http/form-view';
import type { User } from '../users/user.entity';
import { LetterBuilderFormDto } from './dto/letter-form.dto';
import { LetterPages } from './letter-pages';
import { RECIPIENT_404 } from './letter-recipient.pipe';
import type { LetterRecipient } from './letter-recipients';
import { LettersService } from './letters.service';

/**
 * The letter builder, for anyone, without JavaScript: whom to write to, the
 * form, then the letter as text to copy and a button that downloads it.
 * Nothing typed is stored (an email, if given, only to ask about a reply).
 */
@ApiExcludeController()
@Public()
@Controller('act/write')
export class LettersPageController {
  constructor(
    private readonly letters: LettersService,
    readonly pages: LetterPages,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Render('letters/choose')
  choose(@Query('branch') branch: unknown): object {
    return this.pages.choose(branch);
  }

  @Get(':kind')
  @Header('Cache-Control', 'no-store')
  @Render('letters/write')
  async writeForm(@Param('kind', RECIPIENT_404) _kind: LetterRecipient, @Req() req: Request): Promise<object> {
    return this.pages.writeForm(req);
  }

  @Post(':kind')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @FormView<LettersPageController>('letters/write', undefined, (page, req) => page.pages.writeContext(req))
  @Render('letters/result')
  async buildLetter(
    @Param('kind', RECIPIENT_404) kind: LetterRecipient,
    @Body() form: LetterBuilderFormDto,
    @CurrentUser() user: User | undefined,
    @Req() req: Request,
  ): Promise<object> {
    const { email, _csrf, ...input } = form;
    const context = await this.pages.writeContext(req);
    const letter = await this.letters.text(kind, input, user);
    if (email) await this.letters.askLater(kind, input.area, email);
    return this.pages.result(context, input, letter, !!email);
  }
}
