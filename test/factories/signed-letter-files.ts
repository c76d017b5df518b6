import type { Response } from 'supertest';
import type { SignedIn } from '../utils/auth';

/** A one-page PDF (readers rebuild the cross-reference table it leaves out). */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A 1×1 JPEG. */
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
/** The start of a Windows program: what a renamed .exe holds. */
export const EXE = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), Buffer.from('This program cannot be run in DOS mode.\r\n', 'latin1'), Buffer.alloc(64)]);
/** A Word document's first bytes (a ZIP). */
export const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from('[Content_Types].xml', 'latin1'), Buffer.alloc(32)]);
export const TEXT = Buffer.from('We, the undersigned, affiliate our branch.\n', 'utf8');

/** A PDF of exactly `bytes` bytes. */
export function pdfOfSize(bytes: number): Buffer {
  return Buffer.concat([PDF, Buffer.alloc(bytes - PDF.length, 0x20)]);
}

/** supertest hands binary bodies over as Buffers only when asked to. */
export function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Uploads through the API, the CSRF token in the header. */
export function uploadSignedLetter(who: SignedIn, branchId: string, content: Buffer, filename = 'signed letter.pdf', contentType = 'application/pdf') {
  return who.agent.post(`/api/branches/${branchId}/signed-letter`).set('X-CSRF-Token', who.csrf).attach('file', content, { filename, contentType });
}
