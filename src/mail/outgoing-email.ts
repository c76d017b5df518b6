/** An email a feature wants sent. Plain text always; HTML optional, as an alternative. */
export interface OutgoingEmail {
  /** One address. */
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Once sent, keep nothing of it: the last email to a person who erased their account. */
  forgetOnceSent?: boolean;
  /**
   * A one-click unsubscribe address (https, or http in development) for mail
   * sent to a list: the message gets `List-Unsubscribe: <url>` and
   * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058), so a mail
   * client can offer "unsubscribe" and POST to it without opening a page.
   */
  listUnsubscribe?: string;
}

/** The queue this module sends to and works. */
export const MAIL_QUEUE = 'mail';
