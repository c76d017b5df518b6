import { ApiProperty } from '@nestjs/swagger';
import { AFFILIATION_STATUSES, type AffiliationStatus } from '../../affiliations/affiliation-status';
import { SECRETARY_CHANGE_REASONS } from '../../branches/branch-secretary-change.entity';
import { ROLES, type Role } from '../../common/access';
import { DOCUMENT_KINDS } from '../../documents/document-kinds';
import { SIGNED_LETTER_MEDIA_TYPES, type SignedLetterMediaType } from '../../documents/signed-letters/signed-letter-content';
import { LETTER_KINDS, type LetterKind } from '../../replies/letter-kinds';
import { REPLY_STANCES, REPLY_STATUSES, type ReplyStance, type ReplyStatus } from '../../replies/reply-status';
import type { PersonalData } from '../personal-data.service';

/*
 * The documentation of GET /api/me/export. The shape itself is the
 * services' (PersonalData and the interfaces it gathers): these classes
 * only describe it, and the check at the end of this file fails to compile
 * when a field is added, removed or retyped on either side. TypeScript types
 * stay the services' (a Date is sent as an ISO timestamp); the documented
 * types are what a client receives.
 */

const uuid = (description?: string) => ApiProperty({ format: 'uuid', ...(description && { description }) });
const timestamp = (description?: string) => ApiProperty({ type: String, format: 'date-time', ...(description && { description }) });
const nullableTimestamp = (description?: string) => ApiProperty({ type: String, format: 'date-time', nullable: true, ...(description && { description }) });
const nullableText = (description?: string) => ApiProperty({ type: String, nullable: true, ...(description && { description }) });

export class PersonalDataAccountDto {
  @uuid() id!: string;
  @ApiProperty({ format: 'email', example: 'secretary@example.org' }) email!: string;
  @ApiProperty({ example: 'Sam Jones' }) name!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: Role;
  @nullableTimestamp('When the address was confirmed; null if it never was') emailVerifiedAt!: Date | null;
  @ApiProperty() secondFactorEnabled!: boolean;
  @timestamp() createdAt!: Date;
  @timestamp() passwordChangedAt!: Date;
  @ApiProperty({ description: 'Whether the account gets the campaign’s email updates (as a secretary of an affiliated branch)' }) emailUpdates!: boolean;
}

export class PersonalDataBranchDto {
  @uuid() id!: string;
  @ApiProperty() publicName!: string;
  @ApiProperty({ description: "The union's name (as chosen, or as typed for another union)", example: 'UNISON' }) union!: string;
  @ApiProperty() name!: string;
  @nullableText() code!: string | null;
  @ApiProperty({ description: "The region's name", example: 'Yorkshire and the Humber' }) region!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) membershipSize!: number;
  @ApiProperty() regionalBody!: boolean;
  @ApiProperty() listPublicly!: boolean;
  @nullableTimestamp('When consent to be listed publicly was given') listConsentAt!: Date | null;
  @nullableText('The words consent was given to') listConsentWording!: string | null;
  @nullableTimestamp() listConsentWithdrawnAt!: Date | null;
  @nullableText('The correspondence address, only when this person typed it') address!: string | null;
  @timestamp() registeredAt!: Date;
}

export class PersonalDataSecretaryPeriodDto {
  @uuid() branchId!: string;
  @ApiProperty() publicName!: string;
  @timestamp() from!: Date;
  @nullableTimestamp('null: still secretary') until!: Date | null;
  @ApiProperty({ enum: SECRETARY_CHANGE_REASONS, enumName: 'SecretaryChangeReason', description: 'How they became secretary' }) how!: string;
}

export class PersonalDataHandoverDto {
  @uuid() branchId!: string;
  @ApiProperty() publicName!: string;
  @ApiProperty({ description: "The invitee's address, masked: another person's", example: 'j***@example.org' }) invitee!: string;
  @timestamp() sentAt!: Date;
  @ApiProperty({ enum: ['accepted', 'cancelled', 'expired', 'pending'] }) outcome!: 'accepted' | 'cancelled' | 'expired' | 'pending';
}

export class PersonalDataTakeoverRequestDto {
  @uuid() branchId!: string;
  @ApiProperty() publicName!: string;
  @nullableText() message!: string | null;
  @timestamp() requestedAt!: Date;
  @ApiProperty({ enum: ['approved', 'declined'] }) outcome!: 'approved' | 'declined';
  @nullableTimestamp() decidedAt!: Date | null;
}

export class PersonalDataAffiliationDto {
  @uuid() id!: string;
  @ApiProperty() publicName!: string;
  @ApiProperty({ type: 'integer', description: 'The affiliation year', example: 2026 }) year!: number;
  @ApiProperty({ enum: AFFILIATION_STATUSES, enumName: 'AffiliationStatus' }) status!: AffiliationStatus;
  @ApiProperty({ type: String, format: 'date', example: '2026-03-14' }) motionPassedOn!: string;
  @ApiProperty() endorsesStatement!: boolean;
  @ApiProperty({ type: 'integer', minimum: 1 }) membershipSize!: number;
  @ApiProperty() feeBandLabel!: string;
  @ApiProperty({ type: 'integer', description: 'The fee agreed, in pence', example: 2500 }) feePence!: number;
  @ApiProperty() payWhatYouCan!: boolean;
  @nullableText() payWhatYouCanNote!: string | null;
  @timestamp('When this person first sent it') firstSentAt!: Date;
}

export class PersonalDataDocumentDownloadDto {
  @uuid() branchId!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS, enumName: 'DocumentKind' }) kind!: string;
  @ApiProperty({ example: 'Affiliation letter' }) kindLabel!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The template version downloaded' }) version!: number;
  @timestamp() downloadedAt!: Date;
}

export class PersonalDataSignedLetterDto {
  @uuid() branchId!: string;
  @ApiProperty({ type: 'integer', description: 'The affiliation year it was uploaded for', example: 2026 }) affiliationYear!: number;
  @nullableText('The name the file had when uploaded') fileName!: string | null;
  @ApiProperty({ enum: SIGNED_LETTER_MEDIA_TYPES, enumName: 'SignedLetterMediaType' }) mediaType!: SignedLetterMediaType;
  @ApiProperty({ type: 'integer', minimum: 1 }) sizeBytes!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the file, in hex' }) sha256!: string;
  @timestamp() uploadedAt!: Date;
}

export class PersonalDataEmailDto {
  @ApiProperty() subject!: string;
  @timestamp() queuedAt!: Date;
  @nullableTimestamp('null: not sent (yet)') sentAt!: Date | null;
  @ApiProperty({ description: "The mail queue's state for it (pg-boss): created, retry, active, completed, cancelled or failed", example: 'completed' }) state!: string;
}

export class PersonalDataLetterFollowUpDto {
  @ApiProperty({ enum: LETTER_KINDS, enumName: 'LetterKind', description: 'Whom the letter went to' }) kind!: LetterKind;
  @nullableText('The constituency, ward or police force area given') area!: string | null;
  @timestamp('When the letter was made') writtenAt!: Date;
  @timestamp('When the questionnaire is (or was) due') dueAt!: Date;
  @nullableTimestamp('null: not sent yet') sentAt!: Date | null;
}

export class PersonalDataLetterReplyDto {
  @ApiProperty({ enum: LETTER_KINDS, enumName: 'LetterKind', description: 'Whom the letter went to' }) kind!: LetterKind;
  @ApiProperty() representativeName!: string;
  @nullableText() area!: string | null;
  @nullableText('The police force area, for a reply from a police and crime commissioner or the body in their place') policeAreaKey!: string | null;
  @ApiProperty({ type: String, format: 'date', example: '2026-11-20' }) receivedOn!: string;
  @ApiProperty({ enum: REPLY_STANCES, enumName: 'ReplyStance' }) stance!: ReplyStance;
  @nullableText() summary!: string | null;
  @ApiProperty({ enum: REPLY_STATUSES, enumName: 'ReplyStatus', description: 'Published replies are counted in the public tallies, never shown' }) status!: ReplyStatus;
  @timestamp('When it was told to the campaign') toldAt!: Date;
}

export class PersonalDataActivityDto {
  @timestamp() at!: Date;
  @ApiProperty({ example: 'branch.register' }) action!: string;
  @nullableText('What it was done to: user, branch, affiliation…') subjectType!: string | null;
  @nullableText("That thing's id") subjectId!: string | null;
  @nullableText('The client address, until the retention rule removes it') ip!: string | null;
}

/** Everything the portal holds about the person asking, as GET /api/me/export answers it. */
export class PersonalDataDto {
  @timestamp() exportedAt!: string;
  @ApiProperty({ description: 'What this file holds, in words' }) about!: string;
  @ApiProperty({ type: () => PersonalDataAccountDto }) account!: PersonalDataAccountDto;
  @ApiProperty({ type: () => [PersonalDataBranchDto], description: 'Branches this person is secretary of' }) branches!: PersonalDataBranchDto[];
  @ApiProperty({ type: () => [PersonalDataSecretaryPeriodDto] }) secretaryPeriods!: PersonalDataSecretaryPeriodDto[];
  @ApiProperty({ type: () => [PersonalDataHandoverDto], description: 'Invitations to take over a branch that this person sent' }) handoversSent!: PersonalDataHandoverDto[];
  @ApiProperty({ type: () => [PersonalDataTakeoverRequestDto], description: 'Requests to take over a branch, once decided' }) takeoverRequests!: PersonalDataTakeoverRequestDto[];
  @ApiProperty({ type: () => [PersonalDataAffiliationDto], description: 'Affiliations this person created or sent' }) affiliations!: PersonalDataAffiliationDto[];
  @ApiProperty({ type: () => [PersonalDataDocumentDownloadDto] }) documentDownloads!: PersonalDataDocumentDownloadDto[];
  @ApiProperty({ type: () => [PersonalDataSignedLetterDto], description: 'Signed affiliation letters this person uploaded and the portal still holds: what each was, not the file (the branch’s)' })
  signedLetters!: PersonalDataSignedLetterDto[];
  @ApiProperty({ type: () => [PersonalDataEmailDto], description: 'Emails sent to this person: subject and dates only' }) emails!: PersonalDataEmailDto[];
  @ApiProperty({ type: () => [PersonalDataLetterFollowUpDto], description: '"Did they reply?" questionnaires asked for with this address and not answered yet' })
  letterFollowUps!: PersonalDataLetterFollowUpDto[];
  @ApiProperty({ type: () => [PersonalDataLetterReplyDto], description: 'Replies from representatives told to the campaign with this address' })
  letterReplies!: PersonalDataLetterReplyDto[];
  @ApiProperty({ type: () => [PersonalDataActivityDto], description: 'What this person did, from the audit log' }) activity!: PersonalDataActivityDto[];
}

/** Compiles only while the DTOs and the services' interfaces have the same fields, of the same types, at every level. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<PersonalDataDto, PersonalData> = true;
void sameShape;
