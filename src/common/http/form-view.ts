import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, type Type } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

export const FORM_VIEW = 'formView';

type Locals = Record<string, unknown>;
/** What a form's page needs besides its values and errors, or a function of the request that says it. */
type LocalsFor = Locals | ((req: Request) => Locals | undefined);
/**
 * What a refused form's page shows around the form that must be read again
 * (the branch it is for, a table of fees), from the handler's own controller.
 */
type ContextFor<C> = (controller: C, req: Request) => Promise<Locals>;

interface FormViewOptions {
  view: string;
  locals?: LocalsFor;
  context?: ContextFor<never>;
}

/**
 * Names the page a form handler re-renders when its input is refused, so a
 * validation or domain error shows the same form again with field messages
 * and the values typed (never passwords), instead of an error page.
 * `locals` may add what the view needs besides (e.g. select options). As a
 * function of the request it serves one route for several forms (the path
 * says which); returning undefined says this request has no form.
 * `context` loads the rest of the page as its GET handler shows it (a method
 * of the same controller), only when the form is refused, so that the page
 * keeps its heading, sentences and tables; if it fails (the branch is not
 * the person's), that error is answered instead.
 */
// The interceptor is bound to these handlers only: a route without a form (every
// API read, every public page) runs no interceptor at all. It runs before the
// handler's other interceptors, whatever the decorators' order, as a global one
// did: an upload's interceptor adds the page's context to `req.formView`.
export const FormView = <C = never>(view: string, locals?: LocalsFor, context?: ContextFor<C>) =>
  applyDecorators(SetMetadata(FORM_VIEW, { view, locals, context } as FormViewOptions), interceptFirst(FormViewInterceptor));

function interceptFirst(interceptor: Type<NestInterceptor>): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const others = (Reflect.getMetadata(INTERCEPTORS_METADATA, descriptor.value as object) as unknown[] | undefined) ?? [];
    Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...others], descriptor.value as object);
  };
}

export interface FormViewMeta {
  view: string;
  locals?: Locals;
  /** Reads the page's context; only called when the form is refused. */
  context?: () => Promise<Locals>;
}

declare module 'express-serve-static-core' {
  interface Request {
    formView?: FormViewMeta;
  }
}

/** Runs before pipes, so the filter knows the form even when validation fails. */
@Injectable()
export class FormViewInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const meta = this.reflector.get<FormViewOptions | undefined>(FORM_VIEW, context.getHandler());
    if (!meta) return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const locals = typeof meta.locals === 'function' ? meta.locals(req) : meta.locals;
    if (typeof meta.locals === 'function' && !locals) return next.handle();
    const load = meta.context;
    const controller = context.getClass();
    req.formView = {
      view: meta.view,
      locals,
      ...(load && { context: () => load(this.moduleRef.get(controller, { strict: false }) as never, req) }),
    };
    return next.handle();
  }
}
