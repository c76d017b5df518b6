import { Document, Packer } from 'docx';
import { createHash } from 'node:crypto';
import { TemplateInvalidError } from './documents.errors';
import { buildDocument, TextFill } from './markdown-docx';
import { KIND_INFO, placeholderSpecs } from './document-kinds';
import { isFilled, type ResolvedValues } from './placeholder-values';
import { markPlaceholders, MarkedBody, TemplateSource } from './template-source';
import { escapeXml } from './xml-text';
import { packPart, PackedPart, readZip, ZipPart, ZipWriter } from './zip';

/** Level for the parts deflated per download: fast, and still about a fifth of their size. */
const PER_DOWNLOAD_LEVEL = 1;
const CONTENT_TYPES = '[Content_Types].xml';

interface Slot {
  name: string;
  /** Ends the run at a line break of a multi-line value and starts the next with the same formatting. */
  lineBreakXml: string;
}

/** An XML part with its placeholders cut out: text, slot, text, slot, …, text. */
interface SplitPart {
  name: string;
  texts: string[];
  slots: Slot[];
}

/** One form of a template: its parts with a slot for each placeholder, for one set of ```if/```unless answers. */
interface Variant {
  writer: ZipWriter;
  parts: readonly SplitPart[];
}

/**
 * A template version compiled to the XML parts of its .docx, with a slot
 * where each placeholder's value goes. Filling it only escapes the values into
 * the slots and zips: the Markdown, the document model and every part without
 * a placeholder are done with. A template with ```if or ```unless blocks has
 * one such form for each combination of the placeholders they ask about
 * (given or not), each compiled the first time it is needed.
 */
export class CompiledTemplate {
  private readonly variants = new Map<string, Promise<Variant>>();

  constructor(
    readonly source: TemplateSource,
    /** The placeholders ```if and ```unless blocks ask about, in a fixed order. */
    private readonly conditions: readonly string[],
  ) {}

  get kind(): TemplateSource['kind'] {
    return this.source.kind;
  }

  get version(): number {
    return this.source.version;
  }

  /** The .docx with these values: each value is literal text in a run, escaped for XML. */
  async fill(values: ResolvedValues): Promise<Buffer> {
    const answers = this.conditions.map((name) => isFilled(this.source.kind, values, name));
    const key = answers.map(Number).join('');
    let variant = this.variants.get(key);
    if (!variant) {
      const filled = new Map(this.conditions.map((name, i) => [name, answers[i]!]));
      variant = compileVariant(this.source, (name) => filled.get(name) ?? false);
      variant.catch(() => this.variants.delete(key));
      this.variants.set(key, variant);
    }
    const { writer, parts } = await variant;
    return writer.write(parts.map((part) => packPart(part.name, Buffer.from(fillXml(part, values), 'utf8'), PER_DOWNLOAD_LEVEL)));
  }
}

function fillXml(part: SplitPart, values: ResolvedValues): string {
  let xml = part.texts[0]!;
  for (let i = 0; i < part.slots.length; i++) {
    const slot = part.slots[i]!;
    const lines = values[slot.name] ?? [];
    xml += (lines.length === 1 ? escapeXml(lines[0]!) : lines.map(escapeXml).join(slot.lineBreakXml)) + part.texts[i + 1]!;
  }
  return xml;
}

/**
 * Cuts a part at its markers. Each marker must sit inside the text of a run
 * (`<w:t>`), which is where the document builder put it; anything else means
 * the builder changed and the values would not be plain text, so it throws.
 */
function splitPart(name: string, xml: string, marked: MarkedBody, seen: Set<number>): SplitPart {
  const texts: string[] = [];
  const slots: Slot[] = [];
  let from = 0;
  for (const m of xml.matchAll(marked.pattern)) {
    const at = m.index;
    const index = Number(m[1]);
    const runStart = xml.lastIndexOf('<w:r>', at);
    const textStart = xml.lastIndexOf('<w:t xml:space="preserve">', at);
    const textEnd = xml.lastIndexOf('</w:t>', at);
    if (runStart < 0 || textStart < runStart || textEnd > textStart || xml.lastIndexOf('</w:r>', at) > runStart) {
      throw new Error(`Placeholder ${marked.names[index]} was not written inside a text run of ${name}`);
    }
    const rPr = xml.startsWith('<w:rPr>', runStart + 5) ? xml.slice(runStart + 5, xml.indexOf('</w:rPr>', runStart) + 8) : '';
    texts.push(xml.slice(from, at));
    slots.push({ name: marked.names[index]!, lineBreakXml: `</w:t></w:r><w:r>${rPr}<w:br/><w:t xml:space="preserve">` });
    seen.add(index);
    from = at + m[0].length;
  }
  texts.push(xml.slice(from));
  return { name, texts, slots };
}

/** The document's properties carry the version's date, not the moment it was compiled. */
function withCoreDates(xml: string, date: Date): string {
  const iso = date.toISOString();
  return xml
    .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${iso}$2`)
    .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${iso}$2`);
}

async function packDocument(doc: Document, createdAt: Date): Promise<ZipPart[]> {
  const parts = readZip(await Packer.toBuffer(doc));
  for (const part of parts) {
    if (part.name === 'docProps/core.xml') part.data = Buffer.from(withCoreDates(part.data.toString('utf8'), createdAt), 'utf8');
  }
  return parts;
}

/** The placeholders a body's ```if and ```unless blocks ask about (nested ones too), each once, sorted. */
function conditionsIn(body: string): string[] {
  return [...new Set([...body.matchAll(/^[ \t]*(?:`{3,}|~{3,})[ \t]*(?:if|unless)[ \t]+(\S+)[ \t]*$/gm)].map((m) => m[1]!))].sort();
}

/**
 * Builds the document for a template, refusing it with every problem found.
 * `filled` answers ```if and ```unless; without it every block is built (to check them all).
 */
function build(
  source: TemplateSource,
  fill: (marked: MarkedBody) => TextFill,
  filled?: (name: string) => boolean,
): { doc: Document; marked: MarkedBody } {
  const marked = markPlaceholders(source.kind, source.body);
  const problems: string[] = [];
  const doc = buildDocument(
    {
      title: source.title,
      body: marked.text,
      fill: fill(marked),
      marker: marked.pattern,
      placeholders: Object.keys(placeholderSpecs(source.kind)),
      filled,
      campaignHeader: KIND_INFO[source.kind].campaignHeader,
    },
    problems,
  );
  if (problems.length) throw new TemplateInvalidError([...new Set(problems)]);
  return { doc, marked };
}

/** Checks a template without packing it: what an editor calls before saving. */
export function checkTemplate(source: Pick<TemplateSource, 'kind' | 'title' | 'body'>): void {
  build({ ...source, version: 1, createdAt: new Date(0) }, () => (text) => [text]);
}

/** Compiles a template version. Throws TemplateInvalidError when it cannot be used. */
export async function compileTemplate(source: TemplateSource): Promise<CompiledTemplate> {
  checkTemplate(source);
  const template = new CompiledTemplate(source, conditionsIn(source.body));
  // The form without values (the generic document) is wanted first: compile it now, so a builder fault shows here.
  await template.fill({});
  return template;
}

/** One form of a template, its ```if and ```unless blocks answered by `filled`. */
async function compileVariant(source: TemplateSource, filled: (name: string) => boolean): Promise<Variant> {
  const emitted = new Set<number>();
  const { doc, marked } = build(
    source,
    (m) => (text) => {
      for (const match of text.matchAll(m.pattern)) emitted.add(Number(match[1]));
      return [text];
    },
    filled,
  );
  const seen = new Set<number>();
  const fixed: PackedPart[] = [];
  const variable: SplitPart[] = [];
  const parts = await packDocument(doc, source.createdAt);
  parts.sort((a, b) => Number(b.name === CONTENT_TYPES) - Number(a.name === CONTENT_TYPES));
  for (const part of parts) {
    const isXml = /\.(xml|rels)$/.test(part.name);
    const split = isXml ? splitPart(part.name, part.data.toString('utf8'), marked, seen) : undefined;
    if (split && split.slots.length) variable.push(split);
    else fixed.push(packPart(part.name, part.data));
  }
  if (seen.size !== emitted.size) throw new Error(`The document builder lost ${emitted.size - seen.size} placeholder(s) of ${source.kind}`);
  return { writer: new ZipWriter(fixed), parts: variable };
}

/**
 * The same document built the usual way, values and all, by the docx package:
 * slower, used to check that compiling changes nothing, for an admin's sample
 * of unsaved text, and as a benchmark.
 */
export async function renderDirect(source: TemplateSource, values: ResolvedValues): Promise<Buffer> {
  const { doc } = build(
    source,
    (marked) => (text) => {
      const lines = [''];
      let from = 0;
      for (const m of text.matchAll(marked.pattern)) {
        lines[lines.length - 1] += text.slice(from, m.index);
        const value = values[marked.names[Number(m[1])]!] ?? [];
        value.forEach((line, i) => (i === 0 ? (lines[lines.length - 1] += line) : lines.push(line)));
        from = m.index + m[0].length;
      }
      lines[lines.length - 1] += text.slice(from);
      return lines;
    },
    (name) => isFilled(source.kind, values, name),
  );
  const parts = await packDocument(doc, source.createdAt);
  return new ZipWriter(parts.map((p) => packPart(p.name, p.data))).write([]);
}

/** A strong validator for a download's exact bytes. */
export function etagFor(buffer: Buffer): string {
  return `"${createHash('sha256').update(buffer).digest('base64url').slice(0, 27)}"`;
}
