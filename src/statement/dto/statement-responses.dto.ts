import { ApiProperty } from '@nestjs/swagger';
import { MESSAGE_STATUSES, type MessageStatus } from '../message-status';
import { PersonalDataEmailDto } from '../../privacy/dto/personal-data.dto';
import type { AdminMessageRow } from '../statement.repository';

export const CHECK_YOUR_EMAIL = 'check-your-email' as const;

export class SignatureAcceptedDto {
  @ApiProperty({ enum: [CHECK_YOUR_EMAIL], description: 'The same whether or not the address signed before: a link to confirm is on its way' })
  status!: typeof CHECK_YOUR_EMAIL;

  @ApiProperty({ example: 'Check your email: the signature counts once you confirm it.' })
  message!: string;
}

export class PublicSignatureDto {
  @ApiProperty({ example: 'Sam Jones' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Leeds' }) town!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) organisation!: string | null;
  @ApiProperty({ type: String, format: 'date', example: '2026-12-07', description: 'When the signature was confirmed (UK date)' }) signedOn!: string;
}

export class PublicSignaturesPageDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Every confirmed signature, listed or not', example: 120 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Signatures on the list (those whose signers chose to be named), across its pages', example: 40 }) listed!: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 50 }) pageSize!: number;
  @ApiProperty({ type: () => [PublicSignatureDto], description: 'Listed signatures, newest first' }) items!: PublicSignatureDto[];
}

export class PublicMessageDto {
  @ApiProperty({ type: String, nullable: true, description: 'The signer’s name when they chose to be listed; otherwise null', example: 'Sam Jones' }) name!: string | null;
  @ApiProperty({ description: 'Plain text, exactly as written: never render it as HTML or links', example: 'You are not alone.' }) message!: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-12-07' }) publishedOn!: string;
}

export class PublicMessagesDto {
  @ApiProperty({ type: () => [PublicMessageDto], description: 'Published messages, newest first' }) items!: PublicMessageDto[];
}

export class AdminMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ example: 'Sam Jones' }) name!: string;
  @ApiProperty({ type: String, nullable: true }) town!: string | null;
  @ApiProperty({ type: String, nullable: true }) organisation!: string | null;
  @ApiProperty({ description: 'The author allowed the campaign to publish it' }) messagePublic!: boolean;
  @ApiProperty({ enum: MESSAGE_STATUSES, enumName: 'MessageStatus' }) status!: MessageStatus;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the signature was confirmed' }) signedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: Date | null;

  static from(r: AdminMessageRow): AdminMessageDto {
    return {
      id: r.id,
      message: r.message,
      name: r.name,
      town: r.town,
      organisation: r.organisation,
      messagePublic: r.messagePublic,
      status: r.status,
      signedAt: r.signedAt,
      publishedAt: r.publishedAt,
    };
  }
}

/** The signature as held, every field. */
export class SignatureDataDto {
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty({ type: String, nullable: true }) town!: string | null;
  @ApiProperty({ type: String, nullable: true }) organisation!: string | null;
  @ApiProperty() showName!: boolean;
  @ApiProperty() updates!: boolean;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty() messagePublic!: boolean;
  @ApiProperty({ enum: MESSAGE_STATUSES, enumName: 'MessageStatus' }) messageStatus!: MessageStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) messagePublishedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: never confirmed' }) confirmedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class SignatureExportDto {
  @ApiProperty({ type: () => SignatureDataDto, description: 'The signature as held: name, email, town, organisation, choices, message and its status, dates' })
  signature!: SignatureDataDto;

  @ApiProperty({ type: () => [PersonalDataEmailDto], description: 'Emails queued for the address: subject, dates and state' })
  emails!: PersonalDataEmailDto[];
}
