import { TemplateInvalidError } from './documents.errors';
import { markPlaceholders, parseTemplateFile, placeholdersIn } from './template-source';

describe('parseTemplateFile', () => {
  it('reads the title and version from the front matter and keeps the Markdown', () => {
    const parsed = parseTemplateFile('model-motion', '---\ntitle: Model motion\nversion: 3\n---\n\n# Hello {{union}}\n');
    expect(parsed).toEqual({ kind: 'model-motion', title: 'Model motion', version: 3, body: '# Hello {{union}}\n' });
  });

  it('refuses a file without a title or a whole-number version', () => {
    expect(() => parseTemplateFile('model-motion', '# No front matter')).toThrow(TemplateInvalidError);
    expect(() => parseTemplateFile('model-motion', '---\ntitle: X\nversion: 1.5\n---\nx')).toThrow('needs a version');
  });

  it('never runs front matter as code', () => {
    (globalThis as Record<string, unknown>).ranFrontMatter = false;
    expect(() => parseTemplateFile('model-motion', '---js\n(globalThis.ranFrontMatter = true, { title: "X", version: 1 })\n---\nx')).toThrow('front matter must be YAML');
    expect((globalThis as Record<string, unknown>).ranFrontMatter).toBe(false);
  });
});

describe('markPlaceholders', () => {
  it('swaps each known placeholder for a marker of letters and digits', () => {
    const marked = markPlaceholders('model-motion', 'A {{branch.name}} B {{ union }} C {{branch.name}}');
    expect(marked.names).toEqual(['branch.name', 'union', 'branch.name']);
    expect(marked.text).toMatch(/^A ZQ[0-9a-f]{12}X0QZ B ZQ[0-9a-f]{12}X1QZ C ZQ[0-9a-f]{12}X2QZ$/);
    expect([...marked.text.matchAll(marked.pattern)].map((m) => m[1])).toEqual(['0', '1', '2']);
  });

  it('names every unknown placeholder', () => {
    expect(() => markPlaceholders('model-motion', '{{nope}} and {{fee.amount}}')).toThrow(/\{\{nope\}\}.*\{\{fee\.amount\}\}/s);
  });

  it('lists the placeholders a body uses', () => {
    expect(placeholdersIn('{{a}} {{ b.c }} {{a}}')).toEqual(['a', 'b.c']);
  });
});
