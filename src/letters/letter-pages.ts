import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config';
import type { Request } from 'express';
import { NotFoundError } from '../common/errors/domain-error';
import type { User } from '../users/user.entity';
import { ADDRESS_MAX, AREA_MAX, NOTE_MAX, RECIPIENT_NAME_MAX, WRITER_NAME_MAX } from './dto/letter-form.dto';
import { isLetterRecipient, LETTER_RECIPIENTS, RECIPIENTS, type LetterRecipient } from './letter-recipients';
import { LettersService, type LetterText } from './letters.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "1,234": numbers as the pages write them. */
const n = (value: number): string => value.toLocaleString('en-GB');

/** What the builder's pages show around the form, for the GET handlers and for a refused form alike. */
@Injectable()
export class LetterPages {
  private readonly builderUrl: string;

  constructor(
    private readonly letters: LettersService,
    config: ConfigService,
  ) {
    this.builderUrl = `${config.getOrThrow<AppConfig>('app').publicUrl.replace(/\/$/, '')}/act/write`;
  }

  /** The first page: whom to write to. `branch` carries a secretary's choice to write as their branch through to the form. */
  choose(branch: unknown): object {
    const suffix = typeof branch === 'string' && UUID.test(branch) ? `?branch=${branch.toLowerCase()}` : '';
    return {
      title: 'Write a letter',
      recipients: LETTER_RECIPIENTS.map((kind) => ({ kind, href: `/act/write/${kind}${suffix}`, label: RECIPIENTS[kind].label, asks: RECIPIENTS[kind].asks })),
      branchSuffix: suffix,
    };
  }

  /** The form for one recipient; as a branch when `branchId` (the form's) or `?branch=` names one of the user's own (any other is 404). */
  async writeContext(req: Request): Promise<Record<string, unknown>> {
    const kind = req.params.kind;
    if (!isLetterRecipient(kind)) throw new NotFoundError('No such letter');
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const branchId = typeof body.branchId === 'string' && body.branchId.trim() ? body.branchId.trim() : typeof req.query.branch === 'string' ? req.query.branch : undefined;
    const branch = branchId === undefined ? undefined : UUID.test(branchId) ? await this.letters.branchPrefill(req.user as User | undefined, branchId) : undefined;
    if (branchId !== undefined && !branch) throw new NotFoundError('No such branch');
    const info = RECIPIENTS[kind];
    const choices = kind === 'pcc' ? await this.letters.policeAreaChoices() : [];
    return {
      title: `Write to ${info.label}`,
      kind,
      recipient: info,
      branch,
      areaChoices: choices.map((c) => ({ value: c.key, label: `${c.name} (${c.accountableBody})` })),
      max: { writerName: WRITER_NAME_MAX, address: ADDRESS_MAX, recipientName: RECIPIENT_NAME_MAX, area: AREA_MAX, note: NOTE_MAX },
      isMp: kind === 'mp',
      isCouncillor: kind === 'councillor',
      isPcc: kind === 'pcc',
    };
  }

  /** The empty form: pre-filled from the branch when writing as one, and with the recipient's office when it has one. */
  async writeForm(req: Request): Promise<Record<string, unknown>> {
    const context = await this.writeContext(req);
    const kind = context.kind as LetterRecipient;
    const branch = context.branch as { branchId: string; writerName: string; writerAddress: string } | undefined;
    return {
      ...context,
      values: {
        ...(RECIPIENTS[kind].defaultName && { recipientName: RECIPIENTS[kind].defaultName }),
        ...(branch && { branchId: branch.branchId, writerName: branch.writerName, writerAddress: branch.writerAddress }),
      },
    };
  }

  /** The letter, ready: its text to copy, the form that downloads it, how much of it is the writer's own, and what to tell others. */
  result(context: Record<string, unknown>, values: Record<string, string | undefined>, letter: LetterText, emailGiven: boolean): Record<string, unknown> {
    const kind = context.kind as LetterRecipient;
    const share = letter.words === 0 ? 0 : Math.round((100 * letter.ownWords) / letter.words);
    const label = RECIPIENTS[kind].label;
    return {
      ...context,
      title: `Your letter to ${label}`,
      values,
      letter,
      ownWords: n(letter.ownWords),
      words: n(letter.words),
      share,
      fewOwnWords: share < 20,
      emailGiven,
      tellOthers:
        `I have written to ${label.replace(/^your /, 'my ')} about the women deceived into relationships by undercover police officers, ` +
        'and asked them to act. Police Spies Out of Lives is asking everyone to do the same: you can write your own letter at ' +
        `${this.builderUrl} #policespiesoutoflives`,
    };
  }
}
