import { Controller, Get, Param, Post, Redirect, Render, UploadedFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Actor } from '../../audit/audit.service';
import { CurrentActor, CurrentUser } from '../../auth/current-user.decorator';
import { FormView } from '../../common/http/form-view';
import { UUID_404 } from '../../common/pipes/uuid.pipe';
import type { User } from '../../users/user.entity';
import { SignedLetterUpload } from './signed-letter-upload';
import { SignedLettersService, type UploadedLetter } from './signed-letters.service';

const TITLE = 'Upload the signed letter';

/**
 * The upload form is a section of the branch page (views/partials/signed-letter.hbs);
 * this page holds the same form on its own, and is where a refused file is
 * shown again with its message.
 */
@ApiExcludeController()
@Controller('branch/:id/signed-letter')
export class SignedLettersPageController {
  constructor(private readonly letters: SignedLettersService) {}

  @Get()
  @Render('documents/signed-letter')
  async form(@CurrentUser() user: User, @Param('id', UUID_404) id: string): Promise<object> {
    return { title: TITLE, fieldPrefix: 'signed-letter-', ...(await this.letters.page(user, id)), errors: {} };
  }

  // The interceptor adds the page's branch and letter to these, before the file is read.
  @Post()
  @FormView('documents/signed-letter', { title: TITLE, fieldPrefix: 'signed-letter-' })
  @SignedLetterUpload()
  @Redirect('/branch', 303)
  async upload(
    @CurrentUser() user: User,
    @CurrentActor() actor: Actor,
    @Param('id', UUID_404) id: string,
    @UploadedFile() file: UploadedLetter | undefined,
  ): Promise<{ url: string }> {
    const { replaced } = await this.letters.upload(user, actor, id, file);
    return { url: `/branch/${id}?done=${replaced ? 'signed-letter-replaced' : 'signed-letter'}` };
  }
}
