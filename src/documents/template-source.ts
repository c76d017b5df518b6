import matter from 'gray-matter';
import { randomBytes } from 'node:crypto';
import { DocumentKind, placeholderSpecs } from './document-kinds';
import { TemplateInvalidError } from './documents.errors';

/** One version of a template: what is stored and what is rendered. */
export interface TemplateSource {
  readonly kind: DocumentKind;
  readonly version: number;
  readonly title: string;
  /** Markdown, without front matter. */
  readonly body: string;
  /** Written into the document's properties, so one version always gives the same bytes. */
  readonly createdAt: Date;
}

/**
 * Reads a template file: front matter (`title`, `version`) and a Markdown body.
 * Throws TemplateInvalidError naming what is missing.
 */
export function parseTemplateFile(kind: DocumentKind, text: string): Omit<TemplateSource, 'createdAt'> {
  const problems: string[] = [];
  let data: Record<string, unknown> = {};
  let body = '';
  try {
    // Options turn off gray-matter's cache (keyed on the text, handing back a shared object);
    // front matter is YAML only: gray-matter would otherwise run `---js` front matter as code.
    const refuse = (): never => {
      throw new Error('front matter must be YAML');
    };
    const parsed = matter(text, { language: 'yaml', engines: { js: refuse, javascript: refuse, coffee: refuse, json: refuse } });
    data = parsed.data;
    body = parsed.content;
  } catch (error) {
    throw new TemplateInvalidError([`The front matter could not be read (${error instanceof Error ? error.message : String(error)}).`]);
  }
  const { title, version } = data;
  if (typeof title !== 'string' || !title.trim()) problems.push('The front matter needs a title.');
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    problems.push('The front matter needs a version: a whole number from 1.');
  }
  if (problems.length) throw new TemplateInvalidError(problems);
  return { kind, version: version as number, title: (title as string).trim(), body: body.replace(/^\s*\n/, '') };
}

/** A body whose placeholders are replaced by markers the Markdown parser leaves alone. */
export interface MarkedBody {
  readonly text: string;
  /** Matches any marker of this body; group 1 is the marker's index into `names`. */
  readonly pattern: RegExp;
  /** Placeholder name for each marker, in order of appearance. */
  readonly names: readonly string[];
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** Placeholder names a template body uses, each once, in order of first use. */
export function placeholdersIn(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim()))];
}

/**
 * Checks every `{{...}}` of a template against the kind's fixed set and swaps
 * each for a marker: a run of letters and digits, so Markdown cannot read it as
 * markup and the docx package writes it unchanged inside a text run. The value
 * goes in later, in place of the marker, as literal text.
 *
 * Throws TemplateInvalidError listing every unknown placeholder by name and
 * every stray brace pair.
 */
export function markPlaceholders(kind: DocumentKind, body: string, problems: string[] = []): MarkedBody {
  const specs = placeholderSpecs(kind);
  const known = Object.keys(specs);
  const nonce = randomBytes(6).toString('hex');
  const names: string[] = [];
  const unknown = new Set<string>();
  const text = body.replace(PLACEHOLDER, (_, inner: string) => {
    const name = inner.trim();
    if (!Object.hasOwn(specs, name)) {
      unknown.add(name);
      return '';
    }
    names.push(name);
    return `ZQ${nonce}X${names.length - 1}QZ`;
  });
  for (const name of unknown) {
    problems.push(
      `The placeholder {{${name}}} is unknown: "${name}" is not one the ${kind} template can use. Use one of ${known.map((n) => `{{${n}}}`).join(', ')}.`,
    );
  }
  const stray = /\{\{|\}\}/.exec(text);
  if (stray) {
    const at = Math.max(0, stray.index - 20);
    problems.push(`There is a "${stray[0]}" that does not make a placeholder, near "${text.slice(at, stray.index + 22).replace(/ZQ[0-9a-f]+X\d+QZ/g, '…').trim()}".`);
  }
  if (problems.length) throw new TemplateInvalidError(problems);
  return { text, names, pattern: new RegExp(`ZQ${nonce}X(\\d+)QZ`, 'g') };
}
