import { createHash } from 'node:crypto';
import { xmlEscape } from '../public-list/atom-feed';
import type { ListedSignatureRow } from './statement.repository';

/**
 * An entry's permanent id, from the signature's without being it: the id is
 * the reference email updates use for a signer, and is published nowhere.
 */
const entryId = (id: string): string => createHash('sha256').update(`statement-feed:${id}`).digest('base64url').slice(0, 22);

/** An Atom feed (RFC 4287) of new supporters: only those listed, only what the list shows. */
export function supportersFeed(baseUrl: string, entries: readonly ListedSignatureRow[]): string {
  const host = new URL(baseUrl).hostname;
  const self = `${baseUrl}/statement/supporters.atom`;
  const updated = entries.reduce((max, e) => (e.confirmedAt > max ? e.confirmedAt : max), new Date(0));
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    '  <title>New supporters of Where We Stand – Police Spies Out of Lives</title>',
    `  <id>${xmlEscape(self)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(`${baseUrl}/statement`)}"/>`,
    `  <updated>${updated.toISOString()}</updated>`,
    '  <author><name>Police Spies Out of Lives</name></author>',
  ];
  for (const e of entries) {
    const who = e.organisation ? `${e.organisation} (${e.name})` : e.name;
    lines.push(
      '  <entry>',
      `    <title>${xmlEscape(`${who} signed Where We Stand`)}</title>`,
      `    <id>${xmlEscape(`tag:${host},2026:signature/${entryId(e.id)}`)}</id>`,
      `    <updated>${e.confirmedAt.toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(`${baseUrl}/statement`)}"/>`,
      `    <summary>${xmlEscape(`${who}${e.town ? `, ${e.town}` : ''}, added their name to Where We Stand.`)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
