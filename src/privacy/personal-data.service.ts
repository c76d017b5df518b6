import { Injectable } from '@nestjs/common';
import { AffiliationsRepository, type SubmittedAffiliation } from '../affiliations/affiliations.repository';
import { AuditService, type Actor } from '../audit/audit.service';
import { BranchPersonalDataService, type BranchPersonalData } from '../branches/branch-personal-data.service';
import type { Role } from '../common/access';
import { Clock } from '../common/clock';
import { BranchDocumentDownloadsRepository } from '../documents/branch-document-downloads.repository';
import type { SignedLetterMediaType } from '../documents/signed-letters/signed-letter-content';
import { SignedLettersRepository } from '../documents/signed-letters/signed-letters.repository';
import { MailRecipientsService, type SentEmail } from '../mail/mail-recipients.service';
import { LetterFollowUpsService } from '../replies/letter-follow-ups.service';
import type { LetterKind } from '../replies/letter-kinds';
import type { ReplyStatus } from '../replies/reply-status';
import { RepliesRepository, replyAsTold, type ReplyAsTold } from '../replies/replies.repository';
import type { User } from '../users/user.entity';

/** The export's shape; PersonalDataDto (dto/personal-data.dto.ts) documents it and must match it (the compiler checks both ways). */
export interface PersonalData extends BranchPersonalData {
  exportedAt: string;
  about: string;
  account: {
    id: string;
    email: string;
    name: string;
    role: Role;
    emailVerifiedAt: Date | null;
    secondFactorEnabled: boolean;
    createdAt: Date;
    passwordChangedAt: Date;
    emailUpdates: boolean;
  };
  affiliations: SubmittedAffiliation[];
  documentDownloads: { branchId: string; kind: string; kindLabel: string; version: number; downloadedAt: Date }[];
  /** What is known about each letter they uploaded; the file itself is the branch's, on its page. */
  signedLetters: { branchId: string; affiliationYear: number; fileName: string | null; mediaType: SignedLetterMediaType; sizeBytes: number; sha256: string; uploadedAt: Date }[];
  emails: SentEmail[];
  /** "Did they reply?" questionnaires asked for with this address and not answered yet (an answer forgets the address). */
  letterFollowUps: { kind: LetterKind; area: string | null; writtenAt: Date; dueAt: Date; sentAt: Date | null }[];
  /** Replies from representatives told to the campaign with this address. */
  letterReplies: (ReplyAsTold & { status: ReplyStatus; toldAt: Date })[];
  activity: { at: Date; action: string; subjectType: string | null; subjectId: string | null; ip: string | null }[];
}

const ABOUT =
  'Everything the Police Spies Out of Lives affiliation portal holds about you: your account, the branches you are or were ' +
  'secretary of, the affiliations you sent, the invitations and takeover requests you made, the documents you downloaded, ' +
  'the signed letters you uploaded (what they were and when: each file is the branch’s, on its page), ' +
  'the emails we sent you (subject and date), the "did they reply?" emails you asked for and the replies from ' +
  'representatives you told us about with this address, and the record of what you did. Other people appear only as far as you need ' +
  'to recognise your own actions (an invitee’s address is masked). A takeover request still waiting for an admin is left ' +
  'out until it is decided, so that this file never says whether a branch that chose not to be listed is registered.';

/** A person's data, gathered from each feature that holds some, for them to take away. */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly branches: BranchPersonalDataService,
    private readonly affiliations: AffiliationsRepository,
    private readonly downloads: BranchDocumentDownloadsRepository,
    private readonly signedLetters: SignedLettersRepository,
    private readonly mail: MailRecipientsService,
    private readonly followUps: LetterFollowUpsService,
    private readonly replies: RepliesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async export(user: User, actor: Actor): Promise<PersonalData> {
    // Recorded first, so the export lists itself.
    await this.audit.record(undefined, actor, { action: 'account.data_exported', subjectType: 'user', subjectId: user.id });
    const [branches, affiliations, downloads, letters, emails, followUps, replies, events] = await Promise.all([
      this.branches.export(user.id),
      this.affiliations.submittedBy(user.id),
      this.downloads.findByUser(user.id),
      this.signedLetters.findByUploader(user.id),
      this.mail.sentTo(user.email),
      this.followUps.findByEmail(user.email),
      this.replies.findByEmail(user.email),
      this.audit.trailOf(user.id),
    ]);
    return {
      exportedAt: this.clock.now().toISOString(),
      about: ABOUT,
      account: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        emailVerifiedAt: user.emailVerifiedAt,
        secondFactorEnabled: !!user.totpSecret,
        createdAt: user.createdAt,
        passwordChangedAt: user.passwordChangedAt,
        emailUpdates: user.emailUpdates,
      },
      ...branches,
      affiliations,
      documentDownloads: downloads,
      signedLetters: letters.map((l) => ({
        branchId: l.branchId,
        affiliationYear: l.affiliationYear,
        fileName: l.fileName,
        mediaType: l.mediaType,
        sizeBytes: l.sizeBytes,
        sha256: l.sha256,
        uploadedAt: l.uploadedAt,
      })),
      emails,
      letterFollowUps: followUps.map((f) => ({ kind: f.kind, area: f.area, writtenAt: f.writtenAt, dueAt: f.dueAt, sentAt: f.sentAt })),
      letterReplies: replies.map((r) => ({ ...replyAsTold(r), status: r.status, toldAt: r.createdAt })),
      activity: events.map((e) => ({ at: e.createdAt, action: e.action, subjectType: e.subjectType, subjectId: e.subjectId, ip: e.ip })),
    };
  }
}
