import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { REGION_KEYS } from '../../src/branches/regions';
import { UNION_KEYS } from '../../src/branches/unions';
import { createTestApp, TestApp } from '../utils/test-app';

/* eslint-disable @typescript-eslint/no-explicit-any -- an OpenAPI document is walked as plain JSON */

/** The routes of branches, affiliations, their admin side, the public list and the reference lists (not invoices or documents). */
const OURS = (path: string): boolean =>
  ((path.startsWith('/api/branches') && !/^\/api\/branches\/\{id\}\/(invoices|documents)/.test(path)) ||
    path.startsWith('/api/handovers') ||
    /^\/api\/admin\/branches(\/\{id\}(\/notes.*|\/reassign)?)?$/.test(path) ||
    ['/api/admin/claims', '/api/admin/affiliations', '/api/admin/audit-events', '/api/public', '/api/reference'].some((p) => path.startsWith(p)));

const LISTS = [
  '/api/branches',
  '/api/branches/{branchId}/affiliations',
  '/api/admin/claims',
  '/api/admin/audit-events',
  '/api/admin/affiliations',
  '/api/admin/branches',
  '/api/public/affiliates',
  '/api/reference/unions',
  '/api/reference/regions',
];

describe('the OpenAPI document for branches, affiliations, the public list and the reference lists', () => {
  let t: TestApp;
  let doc: any;
  const schema = (ref: string): any => doc.components.schemas[ref.split('/').pop()!];
  /** The named schema a property or parameter points at, directly or through allOf. */
  const refOf = (s: any): string | undefined => (s.$ref ?? s.allOf?.[0]?.$ref)?.split('/').pop();
  const param = (path: string, method: string, name: string): any => doc.paths[path][method].parameters.find((p: any) => p.name === name);

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/api/docs/openapi.json').expect(200)).body;
  });
  afterAll(() => t?.close());

  it('documents union and region as the named enums of their keys wherever they are sent or returned', () => {
    expect(schema('UnionKey').enum).toEqual(UNION_KEYS);
    expect(schema('RegionKey').enum).toEqual(REGION_KEYS);
    for (const dto of ['CreateBranchDto', 'UpdateBranchDto', 'CreateBranchClaimDto', 'BranchResponseDto', 'AffiliationQueueItemDto', 'UnionDto']) {
      const { properties } = schema(dto);
      expect([dto, refOf(properties.union ?? properties.key)]).toEqual([dto, 'UnionKey']);
    }
    for (const dto of ['CreateBranchDto', 'UpdateBranchDto', 'BranchResponseDto', 'AffiliationQueueItemDto']) expect([dto, refOf(schema(dto).properties.region)]).toEqual([dto, 'RegionKey']);
    expect(refOf(param('/api/admin/affiliations', 'get', 'union').schema)).toBe('UnionKey');
    expect(refOf(param('/api/admin/affiliations', 'get', 'region').schema)).toBe('RegionKey');
    expect(refOf(param('/api/admin/affiliations', 'get', 'status').schema)).toBe('AffiliationStatus');
    // The public list also names a union that is not on the list, as other:<name>.
    for (const s of [param('/api/public/affiliates', 'get', 'union').schema, schema('PublicAffiliateDto').properties.unionKey]) {
      expect(s.anyOf).toEqual([{ $ref: '#/components/schemas/UnionKey' }, expect.objectContaining({ type: 'string', pattern: '^other:\\S' })]);
    }
    expect(refOf(param('/api/public/affiliates', 'get', 'region').schema)).toBe('RegionKey');
    expect(refOf(schema('PublicAffiliateDto').properties.regionKey)).toBe('RegionKey');
  });

  it('types numbers as integers, dates as dates and ids as uuids', () => {
    const props = (dto: string) => schema(dto).properties;
    for (const [dto, field] of [
      ['CreateBranchDto', 'membershipSize'],
      ['BranchResponseDto', 'membershipSize'],
      ['AffiliationResponseDto', 'membershipSize'],
      ['AffiliationResponseDto', 'feePence'],
      ['AffiliationResponseDto', 'affiliationYear'],
      ['AgreeAmountDto', 'amountPence'],
      ['PublicAffiliateDto', 'affiliatedSince'],
    ]) {
      expect([dto, field, props(dto)[field].type]).toEqual([dto, field, 'integer']);
    }
    expect(props('CreateAffiliationDto').motionPassedOn).toMatchObject({ type: 'string', format: 'date' });
    expect(props('AffiliationResponseDto').motionPassedOn).toMatchObject({ type: 'string', format: 'date' });
    expect(props('AffiliationResponseDto').submittedAt).toMatchObject({ type: 'string', format: 'date-time', nullable: true });
    for (const [dto, field] of [['BranchResponseDto', 'id'], ['AffiliationResponseDto', 'id'], ['AffiliationResponseDto', 'branchId'], ['TakeoverRequestDto', 'id']]) {
      expect([dto, field, props(dto)[field].format]).toEqual([dto, field, 'uuid']);
    }
    for (const [path, item] of Object.entries<any>(doc.paths).filter(([p]) => OURS(p))) {
      for (const op of Object.values<any>(item)) {
        for (const p of (op.parameters ?? []).filter((x: any) => x.in === 'path' && ['id', 'branchId'].includes(x.name))) {
          expect([path, p.name, p.schema.format]).toEqual([path, p.name, 'uuid']);
        }
      }
    }
  });

  it('answers every list with { items, total, page, pageSize } and takes page and pageSize', () => {
    for (const path of LISTS) {
      const op = doc.paths[path].get;
      const page = schema(op.responses['200'].content['application/json'].schema.$ref);
      expect([path, page.required]).toEqual([path, ['items', 'total', 'page', 'pageSize']]);
      expect([path, page.properties.items.type]).toEqual([path, 'array']);
      for (const name of ['page', 'pageSize']) expect([path, name, param(path, 'get', name)?.schema.type]).toEqual([path, name, 'integer']);
    }
  });

  it('says where each 201 put what it created, and what each decision takes and answers', () => {
    for (const path of ['/api/branches', '/api/branches/{branchId}/affiliations', '/api/admin/branches/{id}/notes']) {
      expect([path, doc.paths[path].post.responses['201'].headers.Location]).toEqual([path, expect.objectContaining({ schema: { type: 'string' } })]);
    }
    expect(doc.paths['/api/admin/branches/{id}/notes/{noteId}'].get.operationId).toBe('getBranchNote');
    expect(doc.paths['/api/branches/{branchId}/affiliations/{id}'].get.operationId).toBe('getBranchAffiliation');
    const decide = doc.paths['/api/admin/affiliations/{id}/{decision}'].post;
    expect(decide.operationId).toBe('decideAffiliation');
    expect(Object.keys(decide.requestBody.content['application/json'].examples)).toEqual(['approve', 'reject', 'request-changes', 'suspend', 'reinstate']);
    expect(decide.responses['409'].description).toMatch(/already decided/);
    expect(decide.security).toEqual([{ adminSession: [], csrf: [] }]);
    const bulk = doc.paths['/api/admin/affiliations/bulk'].post;
    expect(bulk.operationId).toBe('decideAffiliationsInBulk');
    expect(bulk.security).toEqual([{ adminSession: [], csrf: [] }]);
    expect(refOf(schema('BulkDecisionDto').properties.action)).toBe('BulkDecisionAction');
    expect(schema('BulkDecisionDto').properties.ids).toMatchObject({ type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: 100, uniqueItems: true });
    expect(schema('BulkDecisionOutcome').enum).toEqual(['approved', 'conflict', 'not_found']);
    expect(refOf(schema('BulkDecisionResultDto').properties.outcome)).toBe('BulkDecisionOutcome');
    expect(Object.keys(bulk.responses).sort()).toEqual(['200', '400', '401', '403', '413', '503']);
    expect(doc.paths['/api/public/affiliates'].get.security).toEqual([]);
    expect(doc.paths['/api/reference/unions'].get.security).toEqual([]);
  });

  it('passes the contract check (Redocly recommended and the house rules) for these routes and every schema they use', async () => {
    const ours = Object.keys(doc.paths).filter(OURS);
    expect(ours.length).toBeGreaterThan(20);
    // The schemas our operations reach, directly or through other schemas.
    const schemas = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const name = value.split('/').pop()!;
          if (!schemas.has(name)) {
            schemas.add(name);
            walk(doc.components.schemas[name]);
          }
        } else walk(value);
      }
    };
    for (const path of ours) walk(doc.paths[path]);
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const { stdout } = await promisify(execFile)(process.execPath, [resolve(__dirname, '../api-client/contract.mjs'), file], { maxBuffer: 10_000_000 });
      const { errors } = JSON.parse(stdout) as { errors: string[] };
      const mine = errors.filter(
        (e) =>
          ours.some((p) => e.includes(`#/paths/${p.replaceAll('/', '~1')}/`) || e.includes(` ${p}: `)) ||
          [...schemas].some((s) => e.includes(`#/components/schemas/${s}/`) || e.startsWith(`schema ${s}.`)),
      );
      expect(mine).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
