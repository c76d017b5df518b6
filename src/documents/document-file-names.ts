import { branchPhrases } from './branch-phrases';
import { fileNamePart } from './content-disposition';
import { KIND_INFO, type DocumentKind } from './document-kinds';
import { CAMPAIGN } from './document-style';
import { cleanText } from './xml-text';

/** "Police Spies Out of Lives - model motion.docx", or "… - model motion - sample.docx" with a note. */
export function genericFileName(kind: DocumentKind, note?: string): string {
  return `${CAMPAIGN.name} - ${KIND_INFO[kind].label}${note ? ` - ${note}` : ''}.docx`;
}

/**
 * "UNISON Leeds City - invoice PSOOL-2026-0001-9.docx": the union and branch
 * (cut at a word), the kind, and its reference or year.
 */
export function branchFileName(kind: DocumentKind, branchName: string, union: string, suffix: string): string {
  const stem = fileNamePart(branchPhrases(branchName, union).fileStem) || CAMPAIGN.name;
  const end = fileNamePart(cleanText(suffix), 40);
  return `${stem} - ${KIND_INFO[kind].label}${end ? ` ${end}` : ''}.docx`;
}
