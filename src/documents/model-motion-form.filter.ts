import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BadInputError, FieldErrors } from '../common/errors/domain-error';
import { HttpExceptionFilter } from '../common/filters/http-exception.filter';
import { RequestValidationException } from '../common/http/validation';
import { wantsJson } from '../common/http/wants-json';
import { modelMotionFormPage } from './model-motion-form.page';

/**
 * Refused input on the personalisation form shows the form again, 400, with
 * each message beside its field and what was typed still there. Clients that
 * ask for JSON get the usual error body.
 */
@Catch(RequestValidationException, BadInputError)
export class ModelMotionFormFilter implements ExceptionFilter {
  private readonly fallback = new HttpExceptionFilter();

  catch(exception: RequestValidationException | BadInputError, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (wantsJson(req) || res.headersSent) {
      this.fallback.catch(exception, host);
      return;
    }
    const errors: FieldErrors = exception.errors ?? {};
    res.status(400).render('documents/model-motion', modelMotionFormPage(req.body, errors, exception.message));
  }
}
