import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

export const FORM_VIEW = 'formView';

type Locals = Record<string, unknown>;
/** What a form's page needs besides its values and errors, or a function of the request that says it. */
type LocalsFor = Locals | ((req: Request) => Locals | undefined);

/**
 * Names the page a form handler re-renders when its input is refused, so a
 * validation or domain error shows the same form again with field messages
 * and the values typed (never passwords), instead of an error page.
 * `locals` may add what the view needs besides (e.g. select options). As a
 * function of the request it serves one route for several forms (the path
 * says which); returning undefined says this request has no form.
 */
export const FormView = (view: string, locals?: LocalsFor) => SetMetadata(FORM_VIEW, { view, locals });

export interface FormViewMeta {
  view: string;
  locals?: Locals;
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
    const meta = this.reflector.get<{ view: string; locals?: LocalsFor } | undefined>(FORM_VIEW, context.getHandler());
    if (!meta) return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    if (typeof meta.locals !== 'function') {
      req.formView = { view: meta.view, locals: meta.locals };
    } else {
      const locals = meta.locals(req);
      if (locals) req.formView = { view: meta.view, locals };
    }
    return next.handle();
  }
}
