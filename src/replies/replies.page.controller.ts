import { Body, Controller, Get, HttpCode, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Public } from '../common/access';
import { FormView } from '../common/http/form-view';
import type { RetentionConfig } from '../config';
import { PoliceAreasService } from '../police-areas/police-areas.service';
import { FollowUpAnswerFormDto } from './dto/follow-up-answer.dto';
import { replyInputOf, SubmitReplyFormDto } from './dto/replies.dto';
import { FOLLOW_UP_ANSWER, isFollowUpAnswer } from './follow-up-answer';
import { LETTER_KIND, LETTER_KINDS } from './letter-kinds';
import { LetterFollowUpsService, SPENT_FOLLOW_UP } from './letter-follow-ups.service';
import { REPLY_ACCEPTED } from './replies.controller';
import { RepliesService } from './replies.service';
import { REPLY_STANCE, REPLY_STANCES } from './reply-status';

const FORM_TITLE = 'Tell us about a reply';
const kinds = LETTER_KINDS.map((key) => ({ key, name: LETTER_KIND[key].label }));
const stances = REPLY_STANCES.map((key) => ({ key, name: REPLY_STANCE[key].label }));
const message = (title: string, paragraphs: string[], link?: { href: string; text: string }) => ({ title, paragraphs, link });
const SPENT_PAGE = message('This link no longer works', [SPENT_FOLLOW_UP, 'Each link in the email can be used once; your answer may already be counted.'], {
  href: '/act/replies',
  text: 'See what representatives have said',
});

/**
 * The replies' public pages: the tallies, the form to tell the campaign
 * about a reply, and the questionnaire's one-button pages (a GET shows the
 * answer and a button; only the POST records it).
 */
@ApiExcludeController()
@Public()
@Controller('act')
export class RepliesPageController {
  /** The email field's hint, with how long the address is kept (RETENTION_REPLY_ADDRESS_DAYS). */
  private readonly emailHint: string;

  constructor(
    private readonly replies: RepliesService,
    private readonly followUps: LetterFollowUpsService,
    private readonly policeAreas: PoliceAreasService,
    config: ConfigService,
  ) {
    const days = config.getOrThrow<RetentionConfig>('retention').replyAddressDays;
    this.emailHint = `Only if the campaign may contact you about this reply. Never published; deleted ${days === 1 ? '1 day' : `${days} days`} after you send this.`;
  }

  @Get('replies')
  @Render('replies/tallies')
  async tallies(): Promise<object> {
    const s = await this.replies.summary();
    const answeredTotal = LETTER_KINDS.reduce((n, k) => n + s.questionnaire[k].replied + s.questionnaire[k].unsatisfactory + s.questionnaire[k]['no-reply'], 0);
    return {
      title: 'Replies from representatives',
      total: s.total,
      byKind: LETTER_KINDS.map((k) => ({ label: LETTER_KIND[k].label, ...s.byKind[k], all: s.byKind[k].supportive + s.byKind[k].noncommittal + s.byKind[k].unsupportive })),
      byPoliceArea: s.byPoliceArea,
      answeredTotal,
      questionnaire: LETTER_KINDS.map((k) => ({ label: LETTER_KIND[k].label, replied: s.questionnaire[k].replied, unsatisfactory: s.questionnaire[k].unsatisfactory, noReply: s.questionnaire[k]['no-reply'] })),
    };
  }

  @Get('replies/new')
  @Render('replies/new')
  async form(): Promise<object> {
    return { title: FORM_TITLE, kinds, stances, areas: await this.policeAreas.list(), emailHint: this.emailHint, values: {}, errors: {} };
  }

  @Post('replies/new')
  @HttpCode(200)
  @FormView<RepliesPageController>('replies/new', { title: FORM_TITLE, kinds, stances }, async (c) => ({ areas: await c.policeAreas.list(), emailHint: c.emailHint }))
  @Render('auth/message')
  async submit(@Body() dto: SubmitReplyFormDto, @CurrentActor() actor: Actor): Promise<object> {
    const input = replyInputOf(dto);
    if (dto.kind === 'pcc' && dto.policeArea) input.area = dto.policeArea;
    await this.replies.submit(input, actor, dto.website);
    return message('Thank you for telling us', [REPLY_ACCEPTED], { href: '/act/replies', text: 'See the replies so far' });
  }

  @Get('did-they-reply/:answer')
  async followUpPage(@Param('answer') answer: string, @Query('token') token: unknown, @Res() res: Response): Promise<void> {
    if (!isFollowUpAnswer(answer)) return res.status(404).render('auth/message', SPENT_PAGE);
    const raw = typeof token === 'string' ? token : '';
    if (!(await this.followUps.linkWorks(raw))) return res.status(404).render('auth/message', SPENT_PAGE);
    res.render('replies/follow-up', { title: 'Did they reply?', answer, answerLabel: FOLLOW_UP_ANSWER[answer].label, button: `Confirm: ${FOLLOW_UP_ANSWER[answer].label.toLowerCase()}`, token: raw });
  }

  @Post('did-they-reply')
  @HttpCode(200)
  @FormView('replies/follow-up', { title: 'Did they reply?', button: 'Confirm my answer' })
  @Render('auth/message')
  async followUpAnswer(@Body() dto: FollowUpAnswerFormDto): Promise<object> {
    await this.followUps.answer(dto.token, dto.answer);
    return message('Thank you: your answer is counted', ['We have deleted your email address. We will not write to you about this letter again.'], {
      href: dto.answer === 'no-reply' ? '/act/replies' : '/act/replies/new',
      text: dto.answer === 'no-reply' ? 'See the replies so far' : 'Tell us what they said',
    });
  }
}
