/** An email a feature wants sent. Plain text always; HTML optional, as an alternative. */
export interface OutgoingEmail {
  /** One address. */
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** The queue this module sends to and works. */
export const MAIL_QUEUE = 'mail';
