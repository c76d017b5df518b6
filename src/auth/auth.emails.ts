import type { OutgoingEmail } from '../mail/outgoing-email';

const SIGN_OFF = '\n\nPolice Spies Out of Lives — trade union affiliations\nIf you did not expect this email, you can ignore it.';

export const authEmails = {
  verify: (to: string, name: string, link: string): OutgoingEmail => ({
    to,
    subject: 'Confirm your email address',
    text: `Hello ${name},\n\nThank you for registering on the affiliation portal. Please confirm your email address by opening this link within 24 hours:\n\n${link}\n\nOnce it is confirmed you can submit your branch's affiliation.${SIGN_OFF}`,
  }),
  alreadyRegistered: (to: string, loginLink: string, resetLink: string): OutgoingEmail => ({
    to,
    subject: 'You already have an account',
    text: `Hello,\n\nSomeone (probably you) tried to register on the affiliation portal with this email address, which already has an account.\n\nSign in: ${loginLink}\nForgotten your password? Reset it: ${resetLink}${SIGN_OFF}`,
  }),
  reset: (to: string, name: string, link: string): OutgoingEmail => ({
    to,
    subject: 'Reset your password',
    text: `Hello ${name},\n\nWe received a request to reset the password for your affiliation portal account. Open this link within an hour to choose a new password:\n\n${link}\n\nIf you did not ask for this, your password has not changed.${SIGN_OFF}`,
  }),
  passwordChanged: (to: string, name: string): OutgoingEmail => ({
    to,
    subject: 'Your password was changed',
    text: `Hello ${name},\n\nThe password for your affiliation portal account was just changed, and every other session was signed out. If this was not you, reset your password straight away and tell the campaign.${SIGN_OFF}`,
  }),
  changeEmail: (to: string, name: string, link: string): OutgoingEmail => ({
    to,
    subject: 'Confirm your new email address',
    text: `Hello ${name},\n\nPlease confirm this new email address for your affiliation portal account by opening this link within 24 hours:\n\n${link}${SIGN_OFF}`,
  }),
  emailChangeNotice: (to: string, name: string): OutgoingEmail => ({
    to,
    subject: 'Your email address is being changed',
    text: `Hello ${name},\n\nSomeone signed in to your affiliation portal account asked to change its email address. The change only happens once the new address is confirmed. If this was not you, change your password now.${SIGN_OFF}`,
  }),
  adminInvite: (to: string, name: string, inviter: string, link: string): OutgoingEmail => ({
    to,
    subject: 'You are invited to be an affiliation portal admin',
    text: `Hello ${name},\n\n${inviter} has invited you to help run the Police Spies Out of Lives affiliation portal as an admin. Open this link within 3 days to choose a password and set up your authenticator app:\n\n${link}${SIGN_OFF}`,
  }),
  /** The last email to a person who erased their account: no name, and nothing of it kept once sent. */
  accountDeleted: (to: string): OutgoingEmail => ({
    to,
    subject: 'Your account has been deleted',
    text:
      `Hello,\n\nYour affiliation portal account and the personal data held with it have been deleted, as you asked. ` +
      `Any branch you looked after stays registered, without a secretary, until someone takes it over. ` +
      `This email is the last we send you, and we keep no copy of it.${SIGN_OFF}`,
    forgetOnceSent: true,
  }),
};
