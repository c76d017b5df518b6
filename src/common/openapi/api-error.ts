import { ApiResponse } from '@nestjs/swagger';
import type { ErrorStatus } from './api-docs.decorators';
import { ErrorResponseDto } from './error-response.dto';

/**
 * One error response in the operation's own words, when the general meaning
 * (ApiErrors) would mislead: a hand-over link's 404 is a spent link, not a
 * missing resource. Same one error schema.
 */
export function ApiErrorResponse(status: ErrorStatus, description: string): MethodDecorator & ClassDecorator {
  return ApiResponse({
    status,
    description,
    type: ErrorResponseDto,
    ...(status === 429 && {
      headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } },
    }),
  });
}
