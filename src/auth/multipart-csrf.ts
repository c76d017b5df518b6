import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ForbiddenError } from '../common/errors/domain-error';
import { csrf } from './http-session';

/**
 * A browser posts a file as a multipart form, with the CSRF token in its
 * `_csrf` field; that body is parsed by the route (multer), after the CSRF
 * middleware and the guard have run. So for such a request the middleware
 * only marks it (`req.csrfInMultipart`), the guard lets it reach only a route
 * marked `@CsrfInMultipart()`, and that route checks the field: before it
 * reads any file (the form puts the token first), and again once the body is
 * parsed (a body with no file).
 */
export const CSRF_IN_MULTIPART = 'csrfInMultipart';

export const CsrfInMultipart = (): MethodDecorator => SetMetadata(CSRF_IN_MULTIPART, true);

/** The same words as the middleware's refusal. */
export const csrfRefused = (): ForbiddenError => new ForbiddenError(csrf.invalidCsrfTokenError.message);

/** True unless the request still has a form token to check and it is wrong or missing. */
function csrfSettled(req: Request): boolean {
  return !req.csrfInMultipart || csrf.isRequestValid(req);
}

/** A multer `fileFilter`: no file is read for a form whose token (sent before it) is wrong. */
export function refuseFilesWithoutCsrf(req: Request, _file: unknown, callback: (error: Error | null, accept: boolean) => void): void {
  if (csrfSettled(req)) callback(null, true);
  else callback(csrfRefused(), false);
}

/** Bound after the multipart parser: checks the form's token, then takes it out of the body (as the middleware does). */
@Injectable()
export class MultipartCsrfInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    if (!csrfSettled(req)) throw csrfRefused();
    req.csrfInMultipart = false;
    if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)._csrf;
    return next.handle();
  }
}
