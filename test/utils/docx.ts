import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Every file of a .docx, as text (they are all XML). */
export async function docxParts(buffer: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(buffer);
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    const file = zip.file(name);
    if (file) parts.set(name, await file.async('string'));
  }
  return parts;
}

/**
 * Opens the .docx with jszip and parses every XML part with xmldom, throwing
 * on any warning or error, and on a replacement character, which is what a
 * broken byte sequence decodes to.
 */
export async function assertWellFormedDocx(buffer: Buffer): Promise<Map<string, string>> {
  const parts = await docxParts(buffer);
  for (const required of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml']) {
    if (!parts.has(required)) throw new Error(`The .docx has no ${required}`);
  }
  for (const [name, xml] of parts) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    if (xml.includes('\uFFFD')) throw new Error(`${name} holds bytes that are not UTF-8`);
    new DOMParser({
      onError: (level: string, message: string) => {
        throw new Error(`${name} is not well-formed XML (${level}): ${message}`);
      },
    }).parseFromString(xml, 'text/xml');
  }
  return parts;
}

/** The document's text as mammoth (an independent reader) sees it. */
export async function mammothText(buffer: Buffer): Promise<string> {
  const result = await mammoth.extractRawText({ buffer });
  return result.value;
}

/** The document's HTML as mammoth sees it: headings, lists, bold and italic show as tags. */
export async function mammothHtml(buffer: Buffer): Promise<string> {
  const result = await mammoth.convertToHtml({ buffer });
  return result.value;
}

export function libreOfficeAvailable(): boolean {
  return existsSync('/usr/bin/soffice') || existsSync('/usr/local/bin/soffice') || !!process.env.SOFFICE_PATH;
}

/**
 * Converts each .docx to PDF with LibreOffice, then to text with pdftotext,
 * in one soffice run with its own throwaway profile (so parallel runs do not
 * clash). soffice exits 0 even when a conversion fails, so a missing or empty
 * PDF is the failure.
 */
export async function pdfTexts(buffers: Buffer[]): Promise<string[]> {
  return (await pdfPages(buffers)).map((pages) => pages.join('\f'));
}

/** Like pdfTexts, each document's text page by page (pdftotext ends a page with a form feed). */
export async function pdfPages(buffers: Buffer[]): Promise<string[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'docx-pdf-'));
  try {
    const files = buffers.map((buffer, i) => {
      const file = join(dir, `doc-${i}.docx`);
      writeFileSync(file, buffer);
      return file;
    });
    const soffice = process.env.SOFFICE_PATH ?? 'soffice';
    await run(soffice, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...files], {
      timeout: 120_000,
    });
    const texts: string[][] = [];
    for (let i = 0; i < files.length; i++) {
      const pdf = join(dir, `doc-${i}.pdf`);
      if (!existsSync(pdf) || statSync(pdf).size === 0) throw new Error(`LibreOffice did not convert document ${i} to PDF`);
      const { stdout } = await run('pdftotext', ['-layout', pdf, '-'], { maxBuffer: 10 * 1024 * 1024 });
      texts.push(stdout.replace(/\f$/, '').split('\f'));
    }
    return texts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs of whitespace as single spaces, so text wrapped across lines still matches. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ');
}
