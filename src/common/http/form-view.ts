import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

export const FORM_VIEW = 'formView';

/**
 * Names the page a form handler re-renders when its input is refused, so a
 * validation or domain error shows the same form again with field messages
 * and the values typed (never passwords), instead of an error page.
 * `locals` may add what the view needs besides (e.g. select options).
 */
export const FormView = (view: string, locals?: Record<string, unknown>) => SetMetadata(FORM_VIEW, { view, locals });

export interface FormViewMeta {
  view: string;
  locals?: Record<string, unknown>;
}

declare module 'express-serve-static-core' {
  interface Request {
    formView?: FormViewMeta;
  }
}

/** Runs before pipes, so the filter knows the form even when validation fails. */
@Injectable()
export class FormViewInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const meta = this.reflector.get<FormViewMeta | undefined>(FORM_VIEW, context.getHandler());
    if (meta) context.switchToHttp().getRequest<Request>().formView = meta;
    return next.handle();
  }
}
