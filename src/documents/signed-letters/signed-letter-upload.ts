import { applyDecorators, CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { FileInterceptor, type MulterModuleOptions } from '@nestjs/platform-express';
import type { Request } from 'express';
import { catchError, type Observable, throwError } from 'rxjs';
import { CsrfInMultipart, MultipartCsrfInterceptor, refuseFilesWithoutCsrf } from '../../auth/multipart-csrf';
import { NotFoundError } from '../../common/errors/domain-error';
import { UUID_404 } from '../../common/pipes/uuid.pipe';
import type { UploadsConfig } from '../../config';
import type { User } from '../../users/user.entity';
import { SIGNED_LETTER_FIELD, SignedLetterTooLargeError, SignedLetterUploadError } from './signed-letters.errors';
import { SignedLettersService } from './signed-letters.service';

/**
 * How the upload's multipart body is read (MulterModule, for this feature's
 * routes): one file of at most SIGNED_LETTER_MAX_MB held in memory, refused
 * as soon as it passes the limit; besides it only the form's `_csrf` field;
 * file names read as UTF-8, as browsers send them.
 */
export function signedLetterMulterOptions(config: ConfigService): MulterModuleOptions {
  return {
    limits: { fileSize: config.getOrThrow<UploadsConfig>('uploads').signedLetterMaxBytes, files: 1, fields: 1, fieldSize: 1_000, parts: 2, headerPairs: 20 },
    defParamCharset: 'utf8',
    fileFilter: refuseFilesWithoutCsrf,
  };
}

const MULTER_MESSAGES: Record<string, string> = {
  LIMIT_UNEXPECTED_FILE: `Upload one file, in the field "${SIGNED_LETTER_FIELD}"`,
  LIMIT_FILE_COUNT: `Upload one file, in the field "${SIGNED_LETTER_FIELD}"`,
  LIMIT_FIELD_COUNT: `Send only the file, in the field "${SIGNED_LETTER_FIELD}"`,
  LIMIT_PART_COUNT: `Send only the file, in the field "${SIGNED_LETTER_FIELD}"`,
};

/**
 * Before the body is read: the branch must be the secretary's (another is a
 * 404, with nothing read), and a page's form gets what it shows again if the
 * file is refused. After: the parser's refusals become the field's message
 * (too large is 413; a broken or unexpected body is 400).
 */
@Injectable()
export class SignedLetterUploadInterceptor implements NestInterceptor {
  constructor(
    private readonly letters: SignedLettersService,
    private readonly config: ConfigService,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    try {
      // Its pipe runs after this: the same check, so a malformed id is the same 404.
      const branchId = await UUID_404.transform(req.params.id as string, { type: 'param', data: 'id' });
      if (!branchId) throw new NotFoundError();
      const user = req.user as User;
      if (req.formView) {
        req.formView.locals = { ...req.formView.locals, ...(await this.letters.page(user, branchId)) };
      } else {
        await this.letters.assertMine(user, branchId);
      }
    } catch (error) {
      // Not a branch of theirs: the "not found" page, not a form for a branch it cannot show.
      req.formView = undefined;
      throw error;
    }
    return next.handle().pipe(catchError((error: unknown) => throwError(() => this.inWords(error))));
  }

  private inWords(error: unknown): unknown {
    // The parser's own errors arrive as HTTP exceptions with multer's or busboy's error as the cause.
    if (!(error instanceof HttpException) || !(error.cause instanceof Error)) return error;
    const code = (error.cause as Error & { code?: unknown }).code;
    if (code === 'LIMIT_FILE_SIZE') return new SignedLetterTooLargeError(this.config.getOrThrow<UploadsConfig>('uploads').signedLetterMaxBytes);
    return new SignedLetterUploadError(typeof code === 'string' ? MULTER_MESSAGES[code] : undefined);
  }
}

/**
 * A route that takes the signed letter as a multipart upload (field `file`),
 * from a page's form (token in its `_csrf` field) or an API client (token in
 * the header).
 */
export const SignedLetterUpload = (): MethodDecorator =>
  applyDecorators(CsrfInMultipart(), UseInterceptors(SignedLetterUploadInterceptor, FileInterceptor(SIGNED_LETTER_FIELD), MultipartCsrfInterceptor));
