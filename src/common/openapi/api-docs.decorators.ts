import { applyDecorators, CallHandler, ExecutionContext, HttpCode, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiCreatedResponse, ApiProduces, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { ErrorResponseDto } from './error-response.dto';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503;

/** What each error status means on this API, unless an operation says more. */
export const ERROR_MEANINGS: Record<ErrorStatus, string> = {
  400: 'The request is not valid: `errors` names each refused field with its message (one per field), or the body is malformed',
  401: 'Not signed in, or the session has ended: sign in again',
  403: 'Not allowed: the CSRF token is missing or stale (fetch GET /api/csrf, or use the token sign-in returned), or the account lacks the role',
  404: 'No such resource — or not yours: another branch looks exactly like one that does not exist',
  409: 'The resource is not in a state that allows this (for example, already decided by someone else)',
  413: 'The request body is larger than the limit (100 kB; 2 MB for a bank statement; for a signed letter SIGNED_LETTER_MAX_MB, 5 MB by default)',
  429: 'Too many attempts: wait the number of seconds in Retry-After',
  503: 'The database is unavailable or too slow just now; nothing was changed unless the message says otherwise. Retry after the seconds in Retry-After',
};

/** Error responses an operation can give beyond the ones every operation of its kind gets (see openapi-contract.ts). */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: ERROR_MEANINGS[status],
        schema: { $ref: getSchemaPath(ErrorResponseDto) },
        ...(status === 429 && {
          headers: {
            'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
          },
        }),
      }),
    ),
  );
}

/** A file download: its media type (or the types it may be), a binary body, and the file name in Content-Disposition. */
export function ApiFile(mediaType: string | readonly string[], description: string): MethodDecorator {
  const types = typeof mediaType === 'string' ? [mediaType] : [...mediaType];
  return applyDecorators(
    ApiProduces(...types),
    ApiResponse({
      status: 200,
      description,
      content: Object.fromEntries(types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
      headers: {
        'Content-Disposition': { description: 'attachment, with the file name the portal built', schema: { type: 'string' } },
      },
    }),
  );
}

const LOCATION_OF = Symbol('LOCATION_OF');
type Locate = (result: never, req: Request) => string;

/** Sets `Location` on a 201 from what the handler returned. */
@Injectable()
export class LocationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const locate = this.reflector.get<Locate | undefined>(LOCATION_OF, context.getHandler());
    const http = context.switchToHttp();
    return next.handle().pipe(
      map((result: unknown) => {
        if (locate) http.getResponse<Response>().setHeader('Location', locate(result as never, http.getRequest<Request>()));
        return result;
      }),
    );
  }
}

/**
 * A 201 Created whose `Location` names the resource made: `locate` builds the
 * path from what the handler returned. Documented with the body's type and
 * the header.
 */
export function Created<T>(type: new (...args: never[]) => T, locate: (result: T, req: Request) => string, description: string): MethodDecorator {
  return applyDecorators(
    HttpCode(201),
    SetMetadata(LOCATION_OF, locate),
    UseInterceptors(LocationInterceptor),
    ApiCreatedResponse({
      type,
      description,
      headers: { Location: { description: 'The path of what was created', schema: { type: 'string' } } },
    }),
  );
}
