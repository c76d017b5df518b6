import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../http/session-cookie';
import type { AppConfig } from '../../config';
import { ErrorResponseDto } from './error-response.dto';
import { finishContract, SECURITY_SCHEMES } from './openapi-contract';

/** One tag per feature, in the order a reader meets them. */
export const API_TAGS: readonly [name: string, description: string][] = [
  ['auth', 'Register, confirm the email address, sign in (with a second factor for admins), reset a password. Start with GET /api/csrf.'],
  ['account', 'The signed-in person: their account, their data (export) and deleting it.'],
  ['reference', 'The keys the API accepts for unions and regions, with their names, to build forms and filters.'],
  ['branches', "A secretary's branches: register, edit, hand over to the next secretary, ask to take one over."],
  ['affiliations', "A branch's affiliation for a year: submit it, follow it, withdraw it; admins decide in the queue."],
  ['documents', 'The model motion (generic, personalised, or filled in from a branch) and the affiliation letter, as Word files.'],
  ['fees', 'Invoices, payments and receipts; admins record payments, import bank statements and set the fee bands.'],
  ['public list', 'The public list of affiliated branches: public names, unions, regions and years only. Readable from any origin.'],
  ['admin', 'Campaign admins (second factor required): branches, takeover requests, admin accounts, the audit log.'],
  ['health', 'Whether the service and its database answer.'],
];

/**
 * The OpenAPI document the API is held to: built from the controllers'
 * decorators, then finished (openapi-contract.ts) with the security and the
 * errors every operation of its kind has. Operation ids are the handlers'
 * method names, which are unique across the app (a test checks the
 * document lints clean, which includes that).
 */
export function buildOpenApiDocument(app: NestExpressApplication, config: AppConfig): OpenAPIObject {
  const cookie = SESSION_COOKIE(config.secure);
  const builder = new DocumentBuilder()
    .setTitle('Affiliation Portal API')
    .setDescription(
      'The API of the Police Spies Out of Lives affiliation portal: trade union branches affiliate, admins decide, the public ' +
        'reads the list. JSON in and out; errors are `{ statusCode, message, errors? }`. A session lives in a cookie: ' +
        'GET /api/csrf starts one and gives the CSRF token that every POST, PATCH and DELETE sends as `X-CSRF-Token` (signing in ' +
        'gives a new session and a new token). Lists answer `{ items, total, page, pageSize }` and take `page` and `pageSize`.',
    )
    .setVersion('1')
    .setLicense('Proprietary: Police Spies Out of Lives', `${config.publicUrl}/`)
    .addServer(config.publicUrl, 'This portal')
    .addApiKey({ type: 'apiKey', in: 'cookie', name: cookie, description: 'The session cookie (GET /api/csrf starts one; sign-in replaces it)' }, SECURITY_SCHEMES.session)
    .addApiKey(
      { type: 'apiKey', in: 'cookie', name: cookie, description: 'The session cookie of an admin who has passed the second factor (POST /api/auth/mfa)' },
      SECURITY_SCHEMES.adminSession,
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'The token from GET /api/csrf, or from sign-in' }, SECURITY_SCHEMES.csrf);
  for (const [name, description] of API_TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ErrorResponseDto],
    operationIdFactory: (_controller, method) => method,
  });
  return finishContract(document);
}

/** Serves the document at /api/docs/openapi.json and a reader at /api/docs. */
export function setupOpenApi(app: NestExpressApplication, config: AppConfig): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app, config), {
    jsonDocumentUrl: 'api/docs/openapi.json',
    swaggerOptions: { validatorUrl: null },
  });
}
