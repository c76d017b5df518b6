import type { PublicEntry } from './public-list.snapshot';

/** Characters XML 1.0 does not allow at all (controls other than tab and line breaks, lone surrogates, U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or attribute content: the five special characters as entities, characters XML cannot carry dropped. */
export function xmlEscape(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

export interface FeedOptions {
  /** The portal's public base URL, without a trailing slash. */
  baseUrl: string;
  entries: readonly PublicEntry[];
}

/**
 * An Atom 1.0 feed (RFC 4287) of newly listed branches. Each entry carries only
 * what the public list shows: the public name, union, region and year.
 */
export function atomFeed({ baseUrl, entries }: FeedOptions): string {
  const host = new URL(baseUrl).hostname;
  const updated = entries.reduce((max, e) => (e.listedAt > max ? e.listedAt : max), new Date(0));
  const listUrl = `${baseUrl}/affiliates`;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    '  <title>New affiliated branches – Police Spies Out of Lives</title>',
    '  <subtitle>Trade union branches newly listed as affiliated to Police Spies Out of Lives.</subtitle>',
    `  <id>${xmlEscape(`${baseUrl}/affiliates/feed.atom`)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(`${baseUrl}/affiliates/feed.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(listUrl)}"/>`,
    `  <updated>${updated.toISOString()}</updated>`,
    '  <author><name>Police Spies Out of Lives</name></author>',
  ];
  for (const e of entries) {
    const link = `${listUrl}?union=${encodeURIComponent(e.unionKey)}&region=${encodeURIComponent(e.regionKey)}`;
    lines.push(
      '  <entry>',
      `    <title>${xmlEscape(`${e.publicName} has affiliated`)}</title>`,
      `    <id>${xmlEscape(`tag:${host},2026:affiliate/${e.entryId}`)}</id>`,
      `    <updated>${e.listedAt.toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(link)}"/>`,
      `    <category term="${xmlEscape(e.unionKey)}" label="${xmlEscape(e.unionName)}"/>`,
      `    <summary>${xmlEscape(`${e.publicName} (${e.unionName}, ${e.regionName}) is affiliated to Police Spies Out of Lives, first since ${e.since}.`)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
