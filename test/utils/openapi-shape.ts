import type { TestApp } from './test-app';

/** The parts of an OpenAPI 3.0 schema that the documents of this app use. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface MediaType {
  schema?: Schema;
}
interface Response {
  content?: Record<string, MediaType>;
  headers?: Record<string, unknown>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
  components: { schemas: Record<string, Schema> };
}

/** The document the app serves, as a client generator reads it. */
export async function servedDocument(t: TestApp): Promise<OpenApiDocument> {
  const res = await t.http().get('/api/docs/openapi.json').expect(200);
  return res.body as OpenApiDocument;
}

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  email: /^[^@\s]+@[^@\s]+$/,
};

/**
 * Every way `value` differs from `schema`, as "path: problem" lines (none when
 * it matches): a key the schema does not name, a required key missing, a
 * wrong type, format or enum value, a null where none is allowed. Objects
 * must have exactly the documented keys, so an undocumented field fails too.
 */
export function shapeProblems(doc: OpenApiDocument, schema: Schema, value: unknown, path = '$'): string[] {
  if (schema.$ref) return shapeProblems(doc, doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')], value, path);
  if (value === null) return schema.nullable ? [] : [`${path}: null, not documented as nullable`];
  if (schema.allOf) return schema.allOf.flatMap((s) => shapeProblems(doc, s, value, path));
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const fits = alternatives.filter((s) => shapeProblems(doc, s, value, path).length === 0).length;
    return (schema.oneOf ? fits === 1 : fits > 0) ? [] : [`${path}: matches ${fits} of the documented alternatives`];
  }
  const problems: string[] = [];
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${path}.${key}: required, missing`);
      for (const [key, item] of Object.entries(record)) {
        const property = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
        if (!property) problems.push(`${path}.${key}: not documented`);
        else problems.push(...shapeProblems(doc, property, item, `${path}.${key}`));
      }
      return problems;
    }
    case 'array':
      if (!Array.isArray(value)) return [`${path}: not an array`];
      return value.flatMap((item, i) => shapeProblems(doc, schema.items ?? {}, item, `${path}[${i}]`));
    case 'integer':
      if (!Number.isInteger(value)) problems.push(`${path}: ${JSON.stringify(value)} is not an integer`);
      return problems;
    case 'number':
    case 'boolean':
    case 'string':
      if (typeof value !== schema.type) return [...problems, `${path}: ${JSON.stringify(value)} is not a ${schema.type}`];
      if (schema.type === 'string' && schema.format && FORMATS[schema.format] && !FORMATS[schema.format].test(value as string)) {
        problems.push(`${path}: ${JSON.stringify(value)} is not a ${schema.format}`);
      }
      return problems;
    default:
      return schema.type ? [...problems, `${path}: unknown type ${schema.type}`] : problems;
  }
}

/** The documented JSON schema of an operation's response with this status. */
export function responseSchema(doc: OpenApiDocument, method: string, path: string, status: number): Schema {
  const schema = doc.paths[path]?.[method]?.responses[String(status)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} documents no JSON body for ${status}`);
  return schema;
}

/** The problems of an answer against what the document says `method path` answers with its status. */
export function answerProblems(doc: OpenApiDocument, method: string, path: string, res: { status: number; body: unknown }): string[] {
  return shapeProblems(doc, responseSchema(doc, method, path, res.status), res.body);
}
