import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { FormBoolean } from '../../common/dto/transforms';
import { FieldOrder, IsEmailAddress, TextField } from '../../common/validation';
import type { SignInput } from '../statement.service';

export const NAME_MAX = 120;
export const TOWN_MAX = 80;
export const ORGANISATION_MAX = 120;
export const MESSAGE_MAX = 2000;

/** The fields the API and the form share. */
class SignatureFieldsDto {
  @ApiProperty({ description: 'Your name (published only with showName)', maxLength: NAME_MAX, example: 'Sam Jones' })
  @TextField('Name', NAME_MAX, { missing: 'Enter your name' })
  name!: string;

  @ApiProperty({ format: 'email', maxLength: 254, description: 'Never published; the confirmation link is sent here', example: 'sam@example.org' })
  @IsEmailAddress({ missing: 'Enter your email address' })
  email!: string;

  @ApiPropertyOptional({ description: 'Town (published beside your name only with showName)', maxLength: TOWN_MAX, example: 'Leeds' })
  @TextField('Town', TOWN_MAX)
  town?: string;

  @ApiPropertyOptional({ description: 'A group or organisation you sign for: listed as a group supporter, with showName', maxLength: ORGANISATION_MAX, example: 'Leeds Trades Council' })
  @TextField('Organisation or group', ORGANISATION_MAX)
  organisation?: string;

  @ApiPropertyOptional({ description: 'A message of support to the women; private to the campaign unless messagePublic and an admin publishes it', maxLength: MESSAGE_MAX })
  @TextField('Message', MESSAGE_MAX, { multiline: true })
  message?: string;

  @ApiPropertyOptional({ description: 'The campaign may publish your message (with your name only if showName)', default: false })
  @FormBoolean()
  @IsOptional()
  @IsBoolean({ message: 'Say whether your message may be published' })
  messagePublic?: boolean;
}

/** A signing, as the API takes it. Choices are explicit; nothing is published unless asked for. */
@FieldOrder('name', 'email', 'town', 'organisation', 'showName', 'updates', 'message', 'messagePublic')
export class SignStatementDto extends SignatureFieldsDto {
  @ApiProperty({ description: 'Show your name (and town, and group) on the public list of supporters', example: false })
  @FormBoolean()
  @IsBoolean({ message: 'Say whether your name may be shown' })
  showName!: boolean;

  @ApiProperty({ description: "Receive the campaign's email updates", example: false })
  @FormBoolean()
  @IsBoolean({ message: 'Say whether you want email updates' })
  updates!: boolean;
}

/**
 * The form: an unticked box sends nothing, which is "no". `website` is a
 * field people never see (a honeypot): a form that fills it in is a robot's.
 */
@FieldOrder('name', 'email', 'town', 'organisation', 'showName', 'updates', 'message', 'messagePublic')
export class SignStatementFormDto extends SignatureFieldsDto {
  @FormBoolean()
  @IsOptional()
  @IsBoolean({ message: 'Say whether your name may be shown' })
  showName?: boolean;

  @FormBoolean()
  @IsOptional()
  @IsBoolean({ message: 'Say whether you want email updates' })
  updates?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string;
}

export class StatementTokenDto {
  @ApiProperty({ description: 'The token from the emailed link', pattern: '^[A-Za-z0-9_-]{43}$', example: 'q0sVt8m3Xc1nL7eW2rJ5yB9kD4hF6gA0pZ3uT1oN8iM' })
  @IsString({ message: 'The link is incomplete' })
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'The link is incomplete or mistyped: copy the whole link from the email' })
  token!: string;
}

export class DataRequestDto {
  @ApiProperty({ format: 'email', maxLength: 254, description: 'The address you signed with', example: 'sam@example.org' })
  @IsEmailAddress({ missing: 'Enter the email address you signed with' })
  email!: string;
}

/** The choices a signing asks for, with what was left out as "no" and "none". */
export function choicesOf(dto: SignStatementDto | Omit<SignStatementFormDto, 'website'>): SignInput {
  return {
    name: dto.name,
    email: dto.email,
    town: dto.town ?? null,
    organisation: dto.organisation ?? null,
    showName: dto.showName ?? false,
    updates: dto.updates ?? false,
    message: dto.message ?? null,
    messagePublic: dto.message ? (dto.messagePublic ?? false) : false,
  };
}
