import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { FormBody } from '../../common/dto/transforms';
import { IsSafeText } from '../../common/validation';
import { UPDATE_AUDIENCE_KEYS, type UpdateAudienceKey } from '../update-audience';

export const SUBJECT_MAX = 150;
export const BODY_MAX = 20_000;

const SUBJECT_MESSAGE = 'Enter a subject';
const SUBJECT_LENGTH = `The subject must be 3 to ${SUBJECT_MAX} characters`;
const BODY_MESSAGE = 'Enter the text of the update';
const BODY_LENGTH = `The text must be 10 to ${BODY_MAX.toLocaleString('en-GB')} characters`;
const AUDIENCE_MESSAGE = 'Choose who gets the update';

/** A form sends one checked box as a string and several as a list; none at all as nothing. */
const AsList = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value));
/** The audiences chosen: each once, at least one, from UPDATE_AUDIENCE_KEYS. */
const AudienceList = () =>
  applyDecorators(
    ApiProperty({ enum: UPDATE_AUDIENCE_KEYS, enumName: 'UpdateAudience', isArray: true, minItems: 1, uniqueItems: true, example: ['branches'] }),
    AsList(),
    IsArray({ message: AUDIENCE_MESSAGE }),
    ArrayNotEmpty({ message: AUDIENCE_MESSAGE }),
    ArrayMaxSize(UPDATE_AUDIENCE_KEYS.length, { message: AUDIENCE_MESSAGE }),
    ArrayUnique({ message: 'Choose each audience once' }),
    IsIn(UPDATE_AUDIENCE_KEYS, { each: true, message: `Choose from: ${UPDATE_AUDIENCE_KEYS.join(', ')}` }),
  );
const Trimmed = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class UpdateTextDto extends FormBody {
  @ApiProperty({ minLength: 3, maxLength: SUBJECT_MAX, example: 'Where We Stand: 100 branches have signed' })
  @Trimmed()
  @IsString({ message: SUBJECT_MESSAGE })
  @Length(3, SUBJECT_MAX, { message: SUBJECT_LENGTH })
  @IsSafeText({ label: 'The subject' })
  subject!: string;

  @ApiProperty({ minLength: 10, maxLength: BODY_MAX, description: 'Markdown: paragraphs, headings, lists, emphasis and links; HTML is shown as text, images are not allowed' })
  @Trimmed()
  @IsString({ message: BODY_MESSAGE })
  @Length(10, BODY_MAX, { message: BODY_LENGTH })
  @IsSafeText({ label: 'The text', multiline: true })
  body!: string;
}

export class CreateUpdateDto extends UpdateTextDto {
  @AudienceList()
  audiences!: UpdateAudienceKey[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A key you make (a random UUID) that makes the request safe to repeat: another request with the same key sends nothing and answers with the update the first one made',
  })
  @IsOptional()
  @IsUUID('all', { message: 'requestKey must be a UUID' })
  requestKey?: string;
}

export class UpdateAudiencesDto {
  @AudienceList()
  audiences!: UpdateAudienceKey[];
}

export class PreviewUpdateDto {
  @ApiProperty({ maxLength: BODY_MAX, description: 'Markdown, as for an update' })
  @IsString({ message: BODY_MESSAGE })
  @MaxLength(BODY_MAX, { message: BODY_LENGTH })
  @IsSafeText({ label: 'The text', multiline: true })
  body!: string;
}

export const COMPOSE_ACTIONS = ['preview', 'sample', 'confirm', 'edit'] as const;
export type ComposeAction = (typeof COMPOSE_ACTIONS)[number];

/** The compose page's form: the update, and which button was pressed. Audiences are needed only to go on to sending. */
export class ComposeUpdateFormDto extends UpdateTextDto {
  @AsList()
  @IsOptional()
  @IsArray({ message: AUDIENCE_MESSAGE })
  @ArrayMaxSize(UPDATE_AUDIENCE_KEYS.length, { message: AUDIENCE_MESSAGE })
  @ArrayUnique({ message: 'Choose each audience once' })
  @IsIn(UPDATE_AUDIENCE_KEYS, { each: true, message: `Choose from: ${UPDATE_AUDIENCE_KEYS.join(', ')}` })
  audiences?: UpdateAudienceKey[];

  @IsIn(COMPOSE_ACTIONS, { message: 'Choose what to do with the update' })
  action!: ComposeAction;
}

export class CreatedUpdateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'People it goes to, each address once across the audiences' }) recipients!: number;
}

export class RecipientCountDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'People the update would reach now, each address once' }) recipients!: number;
}

export class UpdatePreviewDto {
  @ApiProperty({ description: 'The body as the email’s HTML part shows it' }) html!: string;
}

export class UpdateSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: UPDATE_AUDIENCE_KEYS, enumName: 'UpdateAudience', isArray: true }) audiences!: UpdateAudienceKey[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'People it goes to' }) recipients!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Emails queued in the outbox so far' }) sent!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the last email was queued; null while sending' })
  completedAt!: Date | null;
}

export class UpdateDetailDto extends UpdateSummaryDto {
  @ApiProperty({ description: 'Markdown, as written' }) body!: string;
}
