/** An email a feature wants sent. Plain text always; HTML optional, as an alternative. */
export interface OutgoingEmail {
  /** One address. */
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Once sent, keep nothing of it: the last email to a person who erased their account. */
  forgetOnceSent?: boolean;
}

/** The queue this module sends to and works. */
export const MAIL_QUEUE = 'mail';
