import { DOCUMENT_KINDS } from '../../src/documents/document-kinds';
import { DOCX_CONTENT_TYPE } from '../../src/documents/documents.service';
import { PAYMENT_METHODS } from '../../src/fees/payment.entity';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * What the OpenAPI document says about the fees and documents operations, as
 * the document the app serves: the bodies a generated client is given, the
 * files it must not parse as JSON, the idempotent payment's two answers.
 */
describe('the API contract of fees and documents', () => {
  let t: TestApp;
  let doc: any;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/api/docs/openapi.json').expect(200)).body;
  });
  afterAll(() => t?.close());

  const op = (method: string, path: string): any => {
    const found = doc.paths[path]?.[method];
    if (!found) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
    return found;
  };
  const schema = (name: string): any => doc.components.schemas[name];
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

  it('describes every download as a binary file of its media type', () => {
    const docx = [
      ['get', '/documents/model-motion.docx'],
      ['post', '/documents/model-motion'],
      ['get', '/api/branches/{id}/documents/model-motion.docx'],
      ['get', '/api/branches/{id}/documents/affiliation-letter.docx'],
      ['get', '/api/branches/{id}/invoices/{invoiceId}/invoice.docx'],
      ['get', '/api/branches/{id}/invoices/{invoiceId}/receipt.docx'],
      ['get', '/api/admin/branches/{id}/invoices/{invoiceId}/invoice.docx'],
    ];
    for (const [method, path] of docx) {
      expect(op(method!, path!).responses['200'].content).toEqual({ [DOCX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } } });
    }
    for (const path of ['/api/admin/exports/payments.csv', '/api/admin/exports/invoices.csv']) {
      expect(op('get', path).responses['200'].content).toEqual({ 'text/csv': { schema: { type: 'string', format: 'binary' } } });
    }
    expect(op('get', '/documents/model-motion.docx').responses['304']).toBeDefined();
    expect(Object.keys(op('post', '/documents/model-motion').requestBody.content)).toEqual(['application/x-www-form-urlencoded', 'application/json']);
  });

  it('documents a recorded payment as 201 with a Location, and a replayed one as 200 with the stored payment', () => {
    for (const path of ['/api/admin/payments', '/api/admin/payments/{id}/reverse']) {
      const { responses } = op('post', path);
      expect(responses['201'].content['application/json'].schema).toEqual(ref('RecordedPaymentDto'));
      expect(responses['201'].headers.Location).toBeDefined();
      expect(responses['200'].content['application/json'].schema).toEqual(ref('RecordedPaymentDto'));
    }
    expect(op('get', '/api/admin/payments/{id}').responses['200'].content['application/json'].schema).toEqual(ref('PaymentDto'));
    const body = schema('RecordPaymentDto').properties;
    expect(body.amountPence.type).toBe('integer');
    expect(body.receivedOn).toMatchObject({ type: 'string', format: 'date' });
    expect(body.method.allOf).toEqual([ref('PaymentMethod')]);
    expect(schema('PaymentMethod').enum).toEqual([...PAYMENT_METHODS]);
    expect(new RegExp(body.reference.pattern).test('PSOOL-2026-0042-K')).toBe(true);
  });

  it('gives every list the one page shape and its page parameters', () => {
    const lists: [string, string][] = [
      ['/api/admin/payments', 'PaymentPageDto'],
      ['/api/admin/fee-bands', 'FeeBandPageDto'],
      ['/api/admin/documents', 'DocumentTemplatePageDto'],
      ['/api/admin/documents/{kind}/versions', 'TemplateVersionSummaryPageDto'],
    ];
    for (const [path, page] of lists) {
      const get = op('get', path);
      expect(get.responses['200'].content['application/json'].schema).toEqual(ref(page));
      expect(Object.keys(schema(page).properties)).toEqual(['items', 'total', 'page', 'pageSize']);
      expect(get.parameters.filter((p: any) => p.in === 'query').map((p: any) => [p.name, p.schema.type])).toEqual([
        ['page', 'integer'],
        ['pageSize', 'integer'],
      ]);
    }
  });

  it('names the kinds of document as an enum, and ids by their type', () => {
    const kind = op('get', '/api/admin/documents/{kind}/versions').parameters.find((p: any) => p.name === 'kind');
    expect(kind.schema).toEqual(ref('DocumentKind'));
    expect(schema('DocumentKind').enum).toEqual([...DOCUMENT_KINDS]);
    expect(op('get', '/api/admin/fee-bands/{id}').parameters[0].schema.type).toBe('integer');
    expect(op('get', '/api/branches/{id}/invoices').parameters[0].schema).toEqual({ type: 'string', format: 'uuid' });
    for (const path of ['/api/admin/fee-bands', '/api/admin/documents/{kind}/versions', '/api/admin/documents/{kind}/versions/{version}/revert']) {
      expect(op('post', path).responses['201'].headers.Location).toBeDefined();
    }
  });

  it('documents the bank statement as JSON text or a multipart upload, each with its own fields', () => {
    for (const [path, dto] of [
      ['/api/admin/statements/preview', 'StatementPreviewDto'],
      ['/api/admin/statements/import', 'StatementConfirmDto'],
    ] as const) {
      const { content } = op('post', path).requestBody;
      expect(content['application/json'].schema).toEqual(ref(dto));
      expect(schema(dto).properties.file).toBeUndefined();
      expect(content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
      expect(content['multipart/form-data'].schema.properties.csv).toBeUndefined();
    }
    expect(op('post', '/api/admin/statements/import').requestBody.content['multipart/form-data'].schema.properties.lines.items.type).toBe('integer');
  });
});
