import type { OutgoingEmail } from '../mail/outgoing-email';
import type { AffiliationAction } from './affiliation-transitions';

const SIGN_OFF = '\n\nPolice Spies Out of Lives — trade union affiliations';

export interface AffiliationEmailContext {
  to: string;
  name: string;
  publicName: string;
  year: number;
  link: string;
  message: string | null;
}

/** The email each transition sends the branch secretary; plain text, so nothing they typed can become markup. */
export function affiliationEmail(action: AffiliationAction, c: AffiliationEmailContext): OutgoingEmail | undefined {
  const hello = `Hello ${c.name},\n\n`;
  const mail = (subject: string, body: string): OutgoingEmail => ({
    to: c.to,
    subject,
    text: `${hello}${body}\n\nSee where things stand: ${c.link}${SIGN_OFF}`,
  });
  switch (action) {
    case 'submit':
    case 'resubmit':
      return mail(
        `We have received ${c.publicName}'s affiliation`,
        `Thank you: the affiliation of ${c.publicName} for ${c.year} has been sent to the campaign. An admin will look at it soon and we will email you when it is decided.`,
      );
    case 'edit_facts':
      return mail(
        `${c.publicName}'s details are being reviewed again`,
        `You changed the branch details that the affiliation for ${c.year} was based on, so an admin will look at it again.`,
      );
    case 'approve':
      return mail(
        `${c.publicName} is affiliated`,
        `Good news: the affiliation of ${c.publicName} for ${c.year} has been approved. Thank you for standing with the campaign. You can now download your affiliation letter and invoice.`,
      );
    case 'reject':
      return mail(
        `About ${c.publicName}'s affiliation`,
        `We are sorry: the affiliation of ${c.publicName} for ${c.year} was not accepted. The admin gave this reason:\n\n${c.message ?? ''}\n\nIf you have questions, reply to the campaign.`,
      );
    case 'request_changes':
      return mail(
        `${c.publicName}'s affiliation needs a change`,
        `An admin looked at the affiliation of ${c.publicName} for ${c.year} and asks for a change before approving it:\n\n${c.message ?? ''}\n\nPlease make the change and submit it again.`,
      );
    case 'suspend':
      return mail(
        `${c.publicName}'s affiliation is suspended`,
        `The affiliation of ${c.publicName} has been suspended by the campaign. The reason given:\n\n${c.message ?? ''}`,
      );
    case 'reinstate':
    case 'mark_paid':
      return mail(`${c.publicName} is affiliated again`, `The affiliation of ${c.publicName} for ${c.year} is current again.`);
    case 'lapse':
      return mail(
        `${c.publicName}'s affiliation has lapsed`,
        `The fee for ${c.publicName}'s affiliation for ${c.year} has not been paid, so the affiliation has lapsed. Pay the invoice to restore it.`,
      );
    case 'withdraw':
      return mail(
        `${c.publicName} has withdrawn its affiliation`,
        `The affiliation of ${c.publicName} for ${c.year} has been withdrawn, as you asked. The branch no longer appears on the public list.`,
      );
  }
}
