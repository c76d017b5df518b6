import { findInputProblem, MAX_INPUT_DEPTH } from './input-guard';

const nest = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

describe('findInputProblem', () => {
  it('accepts input nested up to the limit and refuses one level more', () => {
    expect(findInputProblem(nest(MAX_INPUT_DEPTH))).toBeUndefined();
    expect(findInputProblem(nest(MAX_INPUT_DEPTH + 1))).toEqual({ kind: 'too-deep' });
  });

  it('walks 100,000 levels without overflowing its own stack', () => {
    expect(findInputProblem(nest(100_000))).toEqual({ kind: 'too-deep' });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key at any depth', (key) => {
    expect(findInputProblem(JSON.parse(`{"a":[{"b":{"${key}":{}}}]}`))).toEqual({ kind: 'forbidden-key', key });
  });

  it('names every field holding U+0000 by its dotted path, and ignores other values', () => {
    const problem = findInputProblem({ name: 'a\u0000b', address: { lines: ['ok', '\u0000'] }, n: 3, ok: true, none: null });
    expect(problem).toEqual({
      kind: 'nul',
      fields: {
        name: [expect.stringMatching(/^name contains .*U\+0000/)],
        'address.lines.1': [expect.stringMatching(/^address\.lines\.1 contains .*U\+0000/)],
      },
    });
  });

  it('accepts ordinary text, including other characters the DTOs judge', () => {
    expect(findInputProblem({ body: 'Line one\nLine two\t— “quoted” £25', code: '12/345' })).toBeUndefined();
    expect(findInputProblem(undefined)).toBeUndefined();
    expect(findInputProblem('a bare string')).toBeUndefined();
  });
});
