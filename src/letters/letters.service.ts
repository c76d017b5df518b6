import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BranchNotFoundError } from '../branches/branches.errors';
import { BranchesService } from '../branches/branches.service';
import { unionName } from '../branches/unions';
import { Clock } from '../common/clock';
import { BadInputError } from '../common/errors/domain-error';
import type { PlaceholderValues } from '../documents/document-kinds';
import { DocumentsService, type RenderedDocument } from '../documents/documents.service';
import { countWords } from '../documents/markdown-text';
import type { User } from '../users/user.entity';
import type { LetterFormDto } from './dto/letter-form.dto';
import { RECIPIENTS, type LetterRecipient } from './letter-recipients';
import { LETTER_FOLLOW_UPS, POLICE_AREA_CHOICES, type LetterFollowUps, type PoliceAreaChoice, type PoliceAreaChoices } from './letters.ports';

export type LetterInput = Omit<LetterFormDto, '_csrf'>;

export interface LetterText {
  readonly subject: string;
  /** The letter as plain text, paragraphs separated by a blank line, without the subject. */
  readonly text: string;
  /** Words in the writer's own paragraphs. */
  readonly ownWords: number;
  /** Words in the body of the letter (addresses, date and signature aside), theirs included. */
  readonly words: number;
}

/** What a signed-in secretary's branch letter starts from. */
export interface BranchPrefill {
  readonly branchId: string;
  readonly branchTitle: string;
  readonly writerName: string;
  readonly writerAddress: string;
}

type LetterValues = PlaceholderValues<'letter-pcc'>;

/**
 * Letters to the people who can act, built from the writer's answers and the
 * recipient's template, as a .docx or as plain text. Nothing the writer types
 * is kept: not the letter, not a download count (only the two-week question,
 * if they ask for it, keeps their email until it is answered).
 */
@Injectable()
export class LettersService {
  constructor(
    private readonly documents: DocumentsService,
    private readonly branches: BranchesService,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(POLICE_AREA_CHOICES) private readonly policeAreas?: PoliceAreaChoices,
    @Optional() @Inject(LETTER_FOLLOW_UPS) private readonly followUps?: LetterFollowUps,
  ) {}

  async docx(recipient: LetterRecipient, input: LetterInput, user: User | undefined): Promise<RenderedDocument> {
    const kind = RECIPIENTS[recipient].documentKind;
    return this.documents.render(kind, await this.values(recipient, input, user));
  }

  async text(recipient: LetterRecipient, input: LetterInput, user: User | undefined): Promise<LetterText> {
    const kind = RECIPIENTS[recipient].documentKind;
    const plain = await this.documents.plainText(kind, await this.values(recipient, input, user));
    const words = plain.parts.filter((p) => p.kind === 'text').reduce((n, p) => n + countWords(p.text), 0);
    return {
      subject: plain.subject,
      text: plain.parts.map((p) => p.text).join('\n\n'),
      ownWords: countWords(input.personalNote ?? '') + countWords(input.furtherNote ?? ''),
      words,
    };
  }

  /** The police force areas, for the commissioner's letter (empty until the reference data is there). */
  async policeAreaChoices(): Promise<readonly PoliceAreaChoice[]> {
    return this.policeAreas ? this.policeAreas.choices() : [];
  }

  /** Whether the builder can offer to ask, in two weeks, whether the writer had a reply. */
  get asksLater(): boolean {
    return this.followUps !== undefined;
  }

  /** Keeps the writer's email (and nothing else they typed) to ask them once, in two weeks, whether they had a reply. */
  async askLater(recipient: LetterRecipient, area: string | undefined, email: string): Promise<void> {
    const followUps = this.followUps;
    if (!followUps) return;
    await this.dataSource.transaction((manager) => followUps.schedule(manager, { kind: recipient, area: area ?? null, email }));
  }

  /** A secretary's own branch, to write as; any other branch is 404. */
  async branchPrefill(user: User | undefined, branchId: string): Promise<BranchPrefill> {
    if (!user) throw new BranchNotFoundError();
    const branch = await this.branches.getMine(user, branchId);
    return {
      branchId: branch.id,
      branchTitle: `${branch.name} (${unionName(branch.union, branch.unionOther)})`,
      writerName: user.name,
      writerAddress: branch.address ?? '',
    };
  }

  private async values(recipient: LetterRecipient, input: LetterInput, user: User | undefined): Promise<LetterValues> {
    const info = RECIPIENTS[recipient];
    const values: Record<string, string | null> = {
      'writer.name': input.writerName,
      'writer.address': input.writerAddress,
      'writer.reason': input.personalNote ?? null,
      'writer.note': input.furtherNote ?? null,
      'recipient.name': input.recipientName ?? info.defaultName ?? null,
      'letter.date': this.clock.today(),
    };
    if (recipient === 'pcc') Object.assign(values, await this.policeArea(input.area));
    else if (info.area) values.area = input.area ?? null;
    if (input.branchId) {
      if (!user) throw new BranchNotFoundError();
      const branch = await this.branches.getMine(user, input.branchId);
      // The letterhead's address is the one the secretary gave for this letter (pre-filled from the branch's).
      Object.assign(values, { 'branch.name': branch.name, union: unionName(branch.union, branch.unionOther), 'branch.address': input.writerAddress });
    }
    return values as LetterValues;
  }

  /** The commissioner's area: one of the police force areas (by key) when the list is there, and the body that holds its force to account. */
  private async policeArea(area: string | undefined): Promise<{ area: string | null; 'area.body': string | null }> {
    const choices = await this.policeAreaChoices();
    if (area === undefined) return { area: null, 'area.body': choices.length ? null : 'Police and Crime Commissioner' };
    if (choices.length === 0) return { area, 'area.body': 'Police and Crime Commissioner' };
    const found = choices.find((choice) => choice.key === area);
    if (!found) throw new BadInputError({ area: ['Choose your police force area from the list'] });
    return { area: found.name, 'area.body': found.accountableBody };
  }
}
