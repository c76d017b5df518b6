// Checks an OpenAPI document the way an integrator meets it: Redocly's
// recommended rules, then the house rules below, then TypeScript types
// generated with openapi-typescript. Run by test/e2e/api-contract.spec.ts
// (a child process: these packages are ES modules).
//   node contract.mjs <openapi.json> <schema.d.ts to write>
// Prints one JSON line: { errors: [...], warnings: [...] }.
import { readFileSync, writeFileSync } from 'node:fs';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';

const [file, out] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const doc = JSON.parse(text);
const errors = [];
const warnings = [];

// Redocly's recommended rules, as they are. A rule turned off here would say why.
const config = await createConfig({ extends: ['recommended'] });
for (const p of await lintFromString({ source: text, absoluteRef: file, config })) {
  const where = p.location?.[0]?.pointer ?? '';
  (p.severity === 'error' ? errors : warnings).push(`redocly ${p.ruleId}: ${p.message} ${where}`);
}

// House rules (README "Use the API"): every operation says what it returns, how it fails and who may call it.
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
for (const [path, item] of Object.entries(doc.paths)) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    const at = `${method.toUpperCase()} ${path}`;
    if (!/^[a-z][A-Za-z0-9]+$/.test(op.operationId ?? '')) errors.push(`${at}: operationId "${op.operationId}" does not read as a method name`);
    if (!op.summary) errors.push(`${at}: no summary`);
    if (!op.tags?.length) errors.push(`${at}: no tag`);
    const success = Object.entries(op.responses ?? {}).filter(([code]) => /^2/.test(code));
    if (success.length === 0) errors.push(`${at}: no success response`);
    for (const [code, response] of success) {
      if (code === '204') continue;
      const content = response.content ?? {};
      const media = Object.keys(content);
      if (media.length === 0) errors.push(`${at}: ${code} documents no body`);
      for (const m of media) {
        const schema = content[m].schema;
        if (!schema || (Object.keys(schema).length === 0)) errors.push(`${at}: ${code} ${m} has no schema`);
        if (m !== 'application/json' && !(schema?.type === 'string' && schema?.format === 'binary') && !m.startsWith('text/')) {
          errors.push(`${at}: ${code} ${m} is not described as binary`);
        }
      }
      if (code === '201' && !response.headers?.Location) errors.push(`${at}: 201 without a Location header`);
    }
    if (!Object.keys(op.responses ?? {}).some((code) => /^4/.test(code))) errors.push(`${at}: no 4xx response`);
    if (!op.security) errors.push(`${at}: no security requirement`);
  }
}
// No property typed as a bare object or "any": every field says what it is.
for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
  for (const [prop, s] of Object.entries(schema.properties ?? {})) {
    if (!s.$ref && !s.type && !s.allOf && !s.oneOf && !s.anyOf && !s.enum) errors.push(`schema ${name}.${prop} has no type`);
    if (s.type === 'object' && !s.properties && !s.additionalProperties && !s.$ref && !s.allOf) errors.push(`schema ${name}.${prop} is a bare object`);
  }
}

if (out) {
  try {
    writeFileSync(out, astToString(await openapiTS(doc, { silent: true })));
  } catch (error) {
    errors.push(`openapi-typescript: ${error.message}`);
  }
}
console.log(JSON.stringify({ errors, warnings }));
