import { applyRequestContent } from './request-content';

describe('applyRequestContent', () => {
  it('puts one schema per media type in place of the one Nest documented for all', () => {
    const op: Record<string, unknown> = {
      requestBody: { required: true, content: { 'application/json': { schema: {} }, 'multipart/form-data': { schema: {} } } },
      'x-request-content': {
        description: 'Text or a file',
        schemas: { 'application/json': { $ref: '#/components/schemas/UploadDto' }, 'multipart/form-data': { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } },
      },
    };
    applyRequestContent(op);
    expect(op).toEqual({
      requestBody: {
        required: true,
        description: 'Text or a file',
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/UploadDto' } },
          'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } },
        },
      },
    });
  });

  it('leaves an operation that declared nothing as it was', () => {
    const op = { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/UploadDto' } } } } };
    const before = structuredClone(op);
    applyRequestContent(op);
    expect(op).toEqual(before);
  });
});
