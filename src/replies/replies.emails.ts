import type { OutgoingEmail } from '../mail/outgoing-email';
import { FOLLOW_UP_ANSWER, FOLLOW_UP_ANSWERS } from './follow-up-answer';
import { LETTER_KIND, type LetterKind } from './letter-kinds';

const SIGN_OFF = '\n\nPolice Spies Out of Lives';

export const repliesEmails = {
  /** The two-week questionnaire: one link per answer, each opening a page with one button. */
  followUp: (to: string, kind: LetterKind, area: string | null, links: Record<keyof typeof FOLLOW_UP_ANSWER, string>, replyFormUrl: string, keptDays: number): OutgoingEmail => ({
    to,
    subject: `Did ${LETTER_KIND[kind].inSentence} reply to your letter?`,
    text:
      `Hello,\n\nTwo weeks ago you wrote to ${LETTER_KIND[kind].inSentence}${area ? ` (${area})` : ''} about undercover policing, ` +
      `using the campaign's letter builder, and asked us to check back. Did they reply? Open the link that fits and press the button:\n\n` +
      FOLLOW_UP_ANSWERS.map((a) => `${FOLLOW_UP_ANSWER[a].label}:\n${links[a]}`).join('\n\n') +
      `\n\nYour answer is counted anonymously. We delete your email address as soon as you answer, or ${keptDays} days after your letter if you do not. ` +
      `This is the only email we send about it.\n\nIf they did reply, you can tell us what they said here:\n${replyFormUrl}` +
      SIGN_OFF,
    forgetOnceSent: true,
  }),
};
