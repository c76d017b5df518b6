import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { mayHaveCommitted } from '../../database/commit-tracker';
import { DATABASE_RETRY_AFTER_SECONDS, describeDatabaseError, isDatabaseUnavailable } from '../errors/database-unavailable';
import { loggableError } from '../errors/loggable-error';
import { DomainError, FieldErrors, TooManyRequestsError } from '../errors/domain-error';
import { wantsJson } from '../http/wants-json';

interface ErrorBody {
  statusCode: number;
  message: string;
  errors?: FieldErrors;
  [detail: string]: unknown;
}

/** The shape of body-parser's errors (http-errors). */
interface ExposedHttpError {
  status: number;
  expose?: boolean;
  type?: string;
  message: string;
}

const FRIENDLY: Record<string, string> = {
  'entity.too.large': 'The request is too large',
  'entity.parse.failed': 'The request body is not valid JSON',
  'encoding.unsupported': 'The request uses an unsupported encoding',
  'charset.unsupported': 'The request uses an unsupported character set',
};

/** What the person typed, to show again; never passwords, codes or the CSRF token. */
function formValues(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(([key]) => !/password|^_csrf$|^code$|token/i.test(key)),
  );
}

const TITLES: Record<number, string> = {
  400: 'Something in the request needs correcting',
  401: 'Please sign in',
  403: 'You do not have access to this page',
  404: 'Page not found',
  409: 'That has already changed',
  413: 'That was too large',
  429: 'Too many attempts',
  500: 'Something went wrong on our side',
  503: 'The portal is temporarily unavailable',
};

/**
 * What a 503 says. A database failure ends its statement before a commit, so
 * unless this request already sent a COMMIT (then its outcome is unknown),
 * nothing it asked for was changed and it is safe to send again.
 */
function unavailableText(req: Request): string {
  return mayHaveCommitted(req)
    ? 'Part of what you sent may already have been saved: please check before sending it again.'
    : 'Nothing you sent was lost, and nothing was changed: please try again in a minute.';
}

/**
 * The one place errors become responses. Domain errors and HTTP exceptions keep
 * their status and message; anything unexpected is a generic 500 whose details
 * stay in the log, tied to the response by the request id.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = this.toBody(exception, req);

    if (exception instanceof TooManyRequestsError) {
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (body.statusCode === 503) res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    if (res.headersSent) {
      res.end();
      return;
    }
    if (wantsJson(req)) {
      res.status(body.statusCode).json(body);
      return;
    }
    if (body.statusCode === 401 && req.method === 'GET') {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    res.status(body.statusCode);
    if (req.formView && body.statusCode < 500) {
      this.renderForm(req, res, body).catch((error: unknown) => this.catch(error, host));
      return;
    }
    res.render('errors/error', {
      title: TITLES[body.statusCode] ?? 'Something went wrong',
      statusCode: body.statusCode,
      message: body.statusCode === 503 ? unavailableText(req) : body.statusCode >= 500 ? undefined : body.message,
      errors: body.errors,
      requestId: req.id,
      notFound: body.statusCode === 404,
    });
  }

  /**
   * The refused form again, with its page's context read as its GET handler
   * reads it. Reading it may itself fail (the branch is another person's: 404),
   * and that error is then answered without the form.
   */
  private async renderForm(req: Request, res: Response, body: ErrorBody): Promise<void> {
    const form = req.formView!;
    req.formView = undefined;
    const context = form.context ? await form.context() : {};
    res.render(form.view, {
      ...context,
      ...form.locals,
      values: formValues(req.body),
      errors: body.errors ?? {},
      formError: body.message,
    });
  }

  private toBody(exception: unknown, req: Request): ErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: exception.status, message: exception.message, ...(exception.errors && { errors: exception.errors }), ...exception.details };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      // Express and body-parser errors arrive wrapped, with the original as the cause.
      const parserType = (exception.cause as ExposedHttpError | undefined)?.type;
      if (parserType && FRIENDLY[parserType]) return { statusCode, message: FRIENDLY[parserType] };
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null) {
        const r = response as { message?: unknown; errors?: FieldErrors };
        const message = Array.isArray(r.message) ? r.message.join('; ') : typeof r.message === 'string' ? r.message : exception.message;
        return { statusCode, message, ...(r.errors && { errors: r.errors }) };
      }
      return { statusCode, message: String(response) };
    }
    if (isDatabaseUnavailable(exception)) {
      // Expected on a bad day, and never a bug: the code and reason, not the query or its parameters.
      this.logger.warn({ req, requestId: req.id, ...describeDatabaseError(exception) }, 'Database unavailable');
      return { statusCode: 503, message: `${TITLES[503]}. ${unavailableText(req)} Request id ${String(req.id)}.` };
    }
    this.logger.error({ req, error: loggableError(exception), requestId: req.id }, 'Unhandled error');
    return { statusCode: 500, message: `Something went wrong on our side. If it keeps happening, quote request id ${String(req.id)}.` };
  }
}
