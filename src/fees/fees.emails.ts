import type { BankDetails } from '../config';
import type { OutgoingEmail } from '../mail/outgoing-email';
import { formatMoney } from '../common/money';

const SIGN_OFF = '\n\nPolice Spies Out of Lives — trade union affiliations';

export interface InvoiceEmailContext {
  to: string;
  name: string;
  publicName: string;
  reference: string;
  year: number;
  amountPence: number;
  outstandingPence: number;
  dueOn: string;
  link: string;
  bank: BankDetails;
}

const howToPay = (c: InvoiceEmailContext): string =>
  `Pay by bank transfer to:\n  Account name: ${c.bank.accountName}\n  Sort code: ${c.bank.sortCode}\n  Account number: ${c.bank.accountNumber}\n  Reference: ${c.reference}\n\nPlease quote the reference exactly as it is written, so we can match your payment.`;

/** Plain text only, so nothing a branch typed can become markup. */
export function overdueReminder(c: InvoiceEmailContext): OutgoingEmail {
  return {
    to: c.to,
    subject: `Reminder: ${c.publicName}'s affiliation fee is overdue`,
    text: `Hello ${c.name},\n\nThe affiliation fee for ${c.publicName} for ${c.year} (invoice ${c.reference}) was due on ${ukDate(c.dueOn)} and ${formatMoney(c.outstandingPence)} is still to pay. If the branch has paid in the last few days, thank you, and please ignore this reminder.\n\n${howToPay(c)}\n\nDownload the invoice: ${c.link}\n\nIf the fee is not paid, the affiliation will lapse and the branch will leave the public list of affiliated branches. If the branch cannot afford the fee, reply to tell us: we can agree a smaller amount.${SIGN_OFF}`,
  };
}

export function paidInFull(c: InvoiceEmailContext): OutgoingEmail {
  return {
    to: c.to,
    subject: `Thank you: ${c.publicName}'s affiliation fee is paid`,
    text: `Hello ${c.name},\n\nWe have received the affiliation fee for ${c.publicName} for ${c.year} (invoice ${c.reference}, ${formatMoney(c.amountPence)}). Thank you.\n\nYou can download a receipt for the branch treasurer: ${c.link}${SIGN_OFF}`,
  };
}

export function renewalRaised(c: InvoiceEmailContext, detailsLink: string): OutgoingEmail {
  return {
    to: c.to,
    subject: `${c.publicName}'s affiliation for ${c.year}: invoice and details to check`,
    text: `Hello ${c.name},\n\nThank you for ${c.publicName}'s support this year. Its affiliation for ${c.year} has been renewed and the invoice is ready: ${formatMoney(c.amountPence)}, due by ${ukDate(c.dueOn)}.\n\n${howToPay(c)}\n\nDownload the invoice: ${c.link}\n\nPlease check that the branch's details are still right (membership, name, address, whether it is listed publicly) and correct them if needed: ${detailsLink}${SIGN_OFF}`,
  };
}

/** "2026-03-14" as "14 March 2026". */
export function ukDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
