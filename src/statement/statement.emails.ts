import type { OutgoingEmail } from '../mail/outgoing-email';

const SIGN_OFF = '\n\nPolice Spies Out of Lives — Where We Stand';

/** Every statement email ends with the link that withdraws the signature (and with it any updates). */
const withdrawal = (link: string): string =>
  `\n\nTo withdraw your signature and stop any email updates, open this link and press the button:\n${link}`;

export const statementEmails = {
  confirm: (to: string, name: string, confirmLink: string, withdrawLink: string): OutgoingEmail => ({
    to,
    subject: 'Confirm your signature of Where We Stand',
    text:
      `Hello ${name},\n\nSomeone (probably you) asked to sign the Where We Stand statement, or to change a signature, with this email address. ` +
      `Nothing counts and nothing changes until you confirm it. Open this link within 7 days and press the button:\n\n${confirmLink}\n\n` +
      `If you did not ask for this, ignore this email: nothing will be published, and an unconfirmed signature is deleted after 7 days.` +
      withdrawal(withdrawLink) +
      SIGN_OFF,
  }),
  dataLink: (to: string, dataLink: string, withdrawLink: string): OutgoingEmail => ({
    to,
    subject: 'Your signature of Where We Stand: your data',
    text:
      `Hello,\n\nSomeone (probably you) asked to see or erase what the campaign holds about this email address's signature of Where We Stand. ` +
      `Open this link within 24 hours to download it or to erase it:\n\n${dataLink}` +
      withdrawal(withdrawLink) +
      SIGN_OFF,
  }),
};
