import { Controller, Get, HttpCode, Param, Post, Render } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiExtension, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/access';
import { UnsubscribeService } from './unsubscribe.service';

const DONE = {
  title: 'You will get no more updates',
  paragraphs: ['We will not send you the campaign’s email updates any more. You do not need to do anything else.'],
};

/**
 * The link at the foot of every update. Opening it changes nothing (mail
 * scanners open links); its button, or a mail client's one-click POST
 * (RFC 8058), unsubscribes. No account and no CSRF token: the unguessable
 * token in the path is the proof, and the only thing a forged POST could do is
 * what the link's owner asked for. This path alone is exempt from the CSRF
 * check (auth/http-session.ts).
 */
@ApiTags('updates')
@Public()
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribes: UnsubscribeService) {}

  @Get(':token')
  @ApiExcludeEndpoint()
  @Render('updates/unsubscribe')
  async page(@Param('token') token: string): Promise<object> {
    const { alreadyDone } = await this.unsubscribes.check(token);
    return alreadyDone ? { ...DONE, done: true } : { title: 'Stop the campaign’s email updates', token };
  }

  @Post(':token')
  @HttpCode(200)
  @ApiExtension('x-csrf-exempt', true)
  @ApiOperation({
    summary: 'Unsubscribe from email updates (one-click, RFC 8058)',
    description:
      'The address in each update’s List-Unsubscribe header and its footer link. Needs no account, session or CSRF token; ' +
      'a mail client sends `List-Unsubscribe=One-Click` as a form body, which is accepted and ignored. Repeating it is harmless. ' +
      '404 for a token that was never sent.',
  })
  @ApiParam({ name: 'token', description: 'The token from the emailed link (43 characters, base64url)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'Unsubscribed: a page that says so', content: { 'text/html': { schema: { type: 'string' } } } })
  @Render('updates/unsubscribe')
  async unsubscribe(@Param('token') token: string): Promise<object> {
    await this.unsubscribes.unsubscribe(token);
    return { ...DONE, done: true };
  }
}
