import { ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { sendPersonalDownload, type PersonalDownload } from '../content-disposition';

/**
 * Sends an uploaded file: an attachment under the portal's name for it, never
 * cached, sniffed or run (a sandbox with nothing allowed, should a browser
 * ever show it).
 */
export function sendSignedLetter(res: Response, file: PersonalDownload): void {
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox; frame-ancestors 'none'");
  sendPersonalDownload(res, file);
}

/** The year in a download's path. */
export const ApiSignedLetterYear = (): MethodDecorator =>
  ApiParam({ name: 'year', description: 'The affiliation year it was uploaded for', schema: { type: 'integer', minimum: 1, example: 2026 } });
