import { ApiParam } from '@nestjs/swagger';

/**
 * A path parameter that is a uuid. The route's pipe (UUID_404) answers 404 to
 * anything else; the document says `format: uuid` so a generated client and
 * its readers know what to send.
 */
export const ApiUuidParam = (name: string, description: string): MethodDecorator & ClassDecorator =>
  ApiParam({ name, description, schema: { type: 'string', format: 'uuid' } });
