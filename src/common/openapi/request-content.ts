import { applyDecorators } from '@nestjs/common';
import { ApiConsumes, ApiExtension, ApiExtraModels, getSchemaPath, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';

const REQUEST_CONTENT = 'x-request-content';

type Model = new (...args: never[]) => unknown;

/**
 * A body whose fields differ by media type — a CSV pasted as JSON text, or
 * the same file uploaded as multipart — documented as it is. Nest documents
 * one schema for every media type an operation consumes, which would promise
 * a `file` in JSON (refused as an unknown field) or a `csv` string where a
 * file goes; finishContract puts these schemas in its place. A class stands
 * for its schema.
 */
export function ApiRequestContent(content: Record<string, Model | SchemaObject>, description?: string): MethodDecorator {
  const models = Object.values(content).filter((c): c is Model => typeof c === 'function');
  const schemas = Object.fromEntries(
    Object.entries(content).map(([media, c]) => [media, typeof c === 'function' ? { $ref: getSchemaPath(c) } : c]),
  );
  return applyDecorators(
    ApiExtraModels(...models),
    ApiConsumes(...Object.keys(content)),
    ApiExtension(REQUEST_CONTENT, { description, schemas }),
  );
}

interface Declared {
  description?: string;
  schemas: Record<string, SchemaObject | ReferenceObject>;
}

/** Replaces the one-schema body Nest built with the schemas ApiRequestContent named, one per media type. */
export function applyRequestContent(op: { requestBody?: unknown; [key: string]: unknown }): void {
  const declared = op[REQUEST_CONTENT] as Declared | undefined;
  if (!declared) return;
  delete op[REQUEST_CONTENT];
  op.requestBody = {
    required: true,
    ...(declared.description && { description: declared.description }),
    content: Object.fromEntries(Object.entries(declared.schemas).map(([media, schema]) => [media, { schema }])),
  };
}
