import { Injectable } from '@nestjs/common';
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
import { PoliceAreasService, type PoliceAreaView } from '../police-areas/police-areas.service';
import { LetterFollowUpsService } from '../replies/letter-follow-ups.service';

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
    private readonly policeAreas: PoliceAreasService,
    private readonly followUps: LetterFollowUpsService,
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

  /** The police force areas, by name, for the commissioner's letter. */
  policeAreaChoices(): Promise<PoliceAreaView[]> {
    return this.policeAreas.list();
  }

  /**
   * Keeps the writer's email, the kind of recipient and the area (nothing else
   * they typed) to ask them once, in two weeks, whether they had a reply.
   */
  async askLater(recipient: LetterRecipient, area: string | undefined, email: string): Promise<void> {
    const named = recipient === 'pcc' && area !== undefined ? ((await this.policeAreas.resolve(area))?.key ?? area) : area;
    await this.dataSource.transaction((manager) => this.followUps.schedule(manager, { kind: recipient, area: named ?? null, email }));
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

  /** The commissioner's area, one of the police force areas (by key, or by name in any case), and the body that holds its force to account. */
  private async policeArea(area: string | undefined): Promise<{ area: string | null; 'area.body': string | null }> {
    if (area === undefined) return { area: null, 'area.body': null };
    const found = await this.policeAreas.resolve(area);
    if (!found) throw new BadInputError({ area: ['Choose your police force area from the list'] });
    return { area: found.name, 'area.body': found.accountableBody };
  }
}
