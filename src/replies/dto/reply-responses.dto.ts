import { ApiProperty } from '@nestjs/swagger';
import { LETTER_KINDS, type LetterKind } from '../letter-kinds';
import type { LetterReply } from '../letter-reply.entity';
import { REPLY_STANCES, REPLY_STATUSES, type ReplyStance, type ReplyStatus } from '../reply-status';
import { replyAsTold } from '../replies.repository';
import type { RepliesSummary } from '../replies.service';

/** A reported reply as admins read it (the writer's address included: they follow up). */
export class AdminReplyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: LETTER_KINDS, enumName: 'LetterKind' })
  kind!: LetterKind;

  @ApiProperty()
  representativeName!: string;

  @ApiProperty({ type: String, nullable: true })
  area!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'For a PCC’s reply, the police force area it is counted under' })
  policeAreaKey!: string | null;

  @ApiProperty({ format: 'date' })
  receivedOn!: string;

  @ApiProperty({ enum: REPLY_STANCES, enumName: 'ReplyStance' })
  stance!: ReplyStance;

  @ApiProperty({ type: String, nullable: true })
  summary!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'email', description: 'Null when not given, or once deleted by the retention rule' })
  email!: string | null;

  @ApiProperty({ enum: REPLY_STATUSES, enumName: 'ReplyStatus' })
  status!: ReplyStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  submittedAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt!: Date | null;

  static from(r: LetterReply): AdminReplyDto {
    return {
      id: r.id,
      ...replyAsTold(r),
      email: r.email,
      status: r.status,
      submittedAt: r.createdAt,
      publishedAt: r.publishedAt,
    };
  }
}

export class StanceCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0 })
  supportive!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  noncommittal!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  unsupportive!: number;
}

export class RepliesByKindDto {
  @ApiProperty({ type: StanceCountsDto })
  mp!: StanceCountsDto;

  @ApiProperty({ type: StanceCountsDto })
  councillor!: StanceCountsDto;

  @ApiProperty({ type: StanceCountsDto })
  pcc!: StanceCountsDto;

  @ApiProperty({ type: StanceCountsDto, name: 'home-affairs-committee' })
  'home-affairs-committee'!: StanceCountsDto;

  @ApiProperty({ type: StanceCountsDto, name: 'home-office' })
  'home-office'!: StanceCountsDto;
}

export class PoliceAreaRepliesDto extends StanceCountsDto {
  @ApiProperty({ example: 'avon-and-somerset' })
  key!: string;

  @ApiProperty({ example: 'Avon and Somerset' })
  name!: string;

  @ApiProperty({ example: 'Avon and Somerset Police and Crime Commissioner' })
  accountableBody!: string;
}

export class QuestionnaireCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'They replied' })
  replied!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'They replied, but unsatisfactorily' })
  unsatisfactory!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'No reply two weeks on' })
  noReply!: number;
}

export class QuestionnaireByKindDto {
  @ApiProperty({ type: QuestionnaireCountsDto })
  mp!: QuestionnaireCountsDto;

  @ApiProperty({ type: QuestionnaireCountsDto })
  councillor!: QuestionnaireCountsDto;

  @ApiProperty({ type: QuestionnaireCountsDto })
  pcc!: QuestionnaireCountsDto;

  @ApiProperty({ type: QuestionnaireCountsDto, name: 'home-affairs-committee' })
  'home-affairs-committee'!: QuestionnaireCountsDto;

  @ApiProperty({ type: QuestionnaireCountsDto, name: 'home-office' })
  'home-office'!: QuestionnaireCountsDto;
}

export class QuestionnaireSummaryDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Questionnaires answered' })
  total!: number;

  @ApiProperty({ type: QuestionnaireByKindDto })
  byKind!: QuestionnaireByKindDto;
}

/** The public tallies: counts only, never who wrote or who replied. */
export class RepliesSummaryDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Published replies' })
  total!: number;

  @ApiProperty({ type: RepliesByKindDto, description: 'Published replies by kind of recipient and by how they answered; every kind present' })
  byKind!: RepliesByKindDto;

  @ApiProperty({ type: [PoliceAreaRepliesDto], description: 'Published PCC replies per police force area (areas with at least one), by name' })
  byPoliceArea!: PoliceAreaRepliesDto[];

  @ApiProperty({ type: QuestionnaireSummaryDto, description: 'Answers to the two-week "did they reply?" email, by kind of recipient' })
  questionnaire!: QuestionnaireSummaryDto;

  static from(s: RepliesSummary): RepliesSummaryDto {
    const byKind = Object.fromEntries(LETTER_KINDS.map((k) => [k, { ...s.byKind[k] }])) as unknown as RepliesByKindDto;
    const q = Object.fromEntries(
      LETTER_KINDS.map((k) => [k, { replied: s.questionnaire[k].replied, unsatisfactory: s.questionnaire[k].unsatisfactory, noReply: s.questionnaire[k]['no-reply'] }]),
    ) as unknown as QuestionnaireByKindDto;
    const answered = LETTER_KINDS.reduce((n, k) => n + s.questionnaire[k].replied + s.questionnaire[k].unsatisfactory + s.questionnaire[k]['no-reply'], 0);
    return { total: s.total, byKind, byPoliceArea: s.byPoliceArea, questionnaire: { total: answered, byKind: q } };
  }
}
