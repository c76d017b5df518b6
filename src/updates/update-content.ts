import MarkdownIt from 'markdown-it';
import type { OutgoingEmail } from '../mail/outgoing-email';
import type { UpdateAudienceKey } from './update-audience';

/**
 * Admins write updates in Markdown. Raw HTML is shown as text (html: false),
 * links are allowed (admins write them; markdown-it refuses javascript: and
 * similar), images are not: an email that loads a picture tells its sender
 * who opened it, and from where.
 */
const markdown = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).disable('image');
const escapeHtml = markdown.utils.escapeHtml;

/** The body as HTML, for the preview and the email's HTML part. */
export function renderUpdateBody(body: string): string {
  return markdown.render(body);
}

/** Why this person gets the email, in the footer of each. */
const REASONS: Record<UpdateAudienceKey, string> = {
  supporters: 'You are getting this email because you signed the Where We Stand statement and asked for the campaign’s email updates.',
  branches: 'You are getting this email because you are the secretary of a branch affiliated to the campaign.',
};

/** The update as one recipient gets it: the body, why they get it, and their own link to stop. */
export function updateEmail(update: { subject: string; body: string }, to: string, audience: UpdateAudienceKey, unsubscribeUrl: string): OutgoingEmail {
  const reason = REASONS[audience];
  return {
    to,
    subject: update.subject,
    text: `${update.body.trim()}\n\n--\n${reason}\nTo stop these updates, open this link and press the button: ${unsubscribeUrl}\n`,
    html: htmlDocument(update.subject, renderUpdateBody(update.body), reason, unsubscribeUrl),
    listUnsubscribe: unsubscribeUrl,
  };
}

/** A copy for the admin writing it, marked as a sample, with no working link. */
export function sampleEmail(update: { subject: string; body: string }, to: string): OutgoingEmail {
  const note = 'This is a sample sent to you only. Each recipient’s copy ends with their own link to stop the updates.';
  return {
    to,
    subject: `[Sample] ${update.subject}`.slice(0, 250),
    text: `${update.body.trim()}\n\n--\n${note}\n`,
    html: htmlDocument(update.subject, renderUpdateBody(update.body), note),
  };
}

function htmlDocument(subject: string, bodyHtml: string, footer: string, unsubscribeUrl?: string): string {
  const link = unsubscribeUrl ? `<br><a href="${escapeHtml(unsubscribeUrl)}">Stop these updates</a>` : '';
  return [
    '<!doctype html>',
    '<html lang="en-GB"><head><meta charset="utf-8"><title>',
    escapeHtml(subject),
    '</title></head><body>',
    bodyHtml,
    `<hr><p><small>${escapeHtml(footer)}${link}</small></p>`,
    '</body></html>',
  ].join('');
}
