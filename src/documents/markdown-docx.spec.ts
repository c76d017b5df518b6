import mammoth from 'mammoth';
import { checkTemplate, compileTemplate, renderDirect } from './compiled-template';
import type { DocumentKind } from './document-kinds';
import { resolveValues } from './placeholder-values';
import { readZip } from './zip';

async function render(body: string, values: Record<string, string | number> = {}, kind: DocumentKind = 'model-motion'): Promise<{ html: string; xml: string; parts: Map<string, string> }> {
  const source = { kind, version: 1, title: 'Test', body, createdAt: new Date(0) };
  const template = await compileTemplate(source);
  const resolved = resolveValues(kind, values as never);
  const buffer = await template.fill(resolved);
  const parts = new Map(readZip(buffer).map((p) => [p.name, p.data.toString('utf8')]));
  // Compiling, then filling, gives the very document the docx package builds with the values in.
  const direct = new Map(readZip(await renderDirect(source, resolved)).map((p) => [p.name, p.data.toString('utf8')]));
  const ids = (xml?: string): string | undefined => xml?.replace(/r:id="rId[^"]*"/g, 'r:id="…"');
  expect(ids(parts.get('word/document.xml'))).toBe(ids(direct.get('word/document.xml')));
  return { html: (await mammoth.convertToHtml({ buffer })).value, xml: parts.get('word/document.xml')!, parts };
}

describe('Markdown to Word', () => {
  it('nests lists, numbering each ordered list from 1', async () => {
    const { html, xml } = await render('1. One\n2. Two\n   - Two a\n   - Two b\n\nText\n\n1. Again\n');
    expect(html).toBe('<ol><li>One</li><li>Two<ul><li>Two a</li><li>Two b</li></ul></li></ol><p>Text</p><ol><li>Again</li></ol>');
    expect(xml.match(/<w:ilvl w:val="1"\/>/g)).toHaveLength(2);
    // Three lists (first, nested, second): three numbering instances, so the second starts at 1 again.
    expect(new Set(xml.match(/<w:numId w:val="\d+"\/>/g))).toHaveProperty('size', 3);
  });

  it('writes links, line breaks, quotes and code as text the reader can follow', async () => {
    const { html } = await render('See [the campaign](https://policespiesoutoflives.org.uk/)  \nnext line\n\n> Quoted *words*\n\nUse `code`.\n');
    expect(html).toContain('<a href="https://policespiesoutoflives.org.uk/">the campaign</a><br />next line');
    expect(html).toContain('<p>Quoted <em>words</em></p>');
    expect(html).toContain('<p>Use code.</p>');
  });

  it('shows raw HTML as the text it is', async () => {
    const { html } = await render('<b>not bold</b> <script>x</script>');
    expect(html).toBe('<p>&lt;b&gt;not bold&lt;/b&gt; &lt;script&gt;x&lt;/script&gt;</p>');
  });

  it('puts a value into bold text without ending the bold', async () => {
    const { html } = await render('**Branch: {{branch.name}}!**', { 'branch.name': '*not italic* </w:t>' });
    expect(html).toBe('<p><strong>Branch: *not italic* &lt;/w:t&gt;!</strong></p>');
  });

  it('declares UK English for every run, and has no campaign header on the affiliation letter', async () => {
    const motion = await render('Text');
    expect(motion.parts.get('word/styles.xml')).toMatch(/<w:rPrDefault><w:rPr>.*<w:lang w:val="en-GB"\/>.*<\/w:rPr><\/w:rPrDefault>/s);
    expect(motion.parts.has('word/header1.xml')).toBe(true);
    const letter = await render('Text', {}, 'affiliation-letter');
    expect(letter.parts.has('word/header1.xml')).toBe(false);
    expect(letter.xml).not.toContain('headerReference');
  });

  it('shows an ```if block only when its placeholder has a value, and an ```unless block only when it has none', async () => {
    const body = '````if fee.amount\nFee: {{fee.amount}}\n````\n\n````unless fee.amount\nBands: {{fee.bands}}\n````\n';
    expect((await render(body, { 'fee.amount': 5000, 'fee.bands': 'A: £1' })).html).toBe('<p>Fee: £50</p>');
    expect((await render(body, { 'fee.bands': 'A: £1' })).html).toBe('<p>Bands: A: £1</p>');
    expect(() => checkTemplate({ kind: 'model-motion', title: 'T', body: '```if nope\nx\n```' })).toThrow('"```if nope" names no placeholder');
    expect(() => checkTemplate({ kind: 'model-motion', title: 'T', body: '````if fee.amount\n{{nope}}\n````' })).toThrow('{{nope}} is unknown');
  });

  it('checks a block that is not shown too', () => {
    expect(() => checkTemplate({ kind: 'invoice', title: 'T', body: '````if paid.on\n```python\nx\n```\n````' })).toThrow('"```python" is not');
  });

  it('writes a ```lines block as a table: headings, lines, and bold totals under a rule', async () => {
    const body = '```lines\nDescription | Amount\nFee for {{invoice.year}} | {{invoice.amount}}\n---\nTotal | {{invoice.amount}}\n```\n';
    const { html, xml } = await render(body, { 'invoice.year': '2026', 'invoice.amount': 5000 }, 'invoice');
    expect(html).toBe(
      '<table><thead><tr><th><p><strong>Description</strong></p></th><th><p><strong>Amount</strong></p></th></tr></thead>' +
        '<tbody><tr><td><p>Fee for 2026</p></td><td><p>£50.00</p></td></tr><tr><td><p><strong>Total</strong></p></td><td><p><strong>£50.00</strong></p></td></tr></tbody></table>',
    );
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml.match(/<w:cantSplit\/>/g)).toHaveLength(3);
    expect(() => checkTemplate({ kind: 'invoice', title: 'T', body: '```lines\nA | B\nonly one\n```' })).toThrow('needs 2 cells');
  });

  it('keeps a signature block, and the two paragraphs before it, together on one page', async () => {
    const { xml } = await render('First.\n\nSecond.\n\nYours,\n\n```signatures\nBranch secretary\nBranch chair\n```\n', {}, 'affiliation-letter');
    const paragraph = (text: string): string => xml.slice(xml.lastIndexOf('<w:p>', xml.indexOf(text)), xml.indexOf(text));
    expect(paragraph('First.')).not.toContain('<w:keepNext/>');
    expect(paragraph('Second.')).toMatch(/<w:keepNext\/><w:keepLines\/>/);
    expect(paragraph('Yours,')).toMatch(/<w:keepNext\/><w:keepLines\/>/);
    expect(xml.match(/<w:cantSplit\/>/g)).toHaveLength(3);
    expect(xml).toMatch(/Branch secretary.*Branch chair/s);
  });

  it('ends a list with the space after a paragraph, and starts a page after ```new-page', async () => {
    const { xml } = await render('- one\n- two\n\nAfter.\n\n```new-page\n```\n\n## Notes\n');
    const two = xml.slice(xml.lastIndexOf('<w:p>', xml.indexOf('>two<')), xml.indexOf('>two<'));
    const one = xml.slice(xml.lastIndexOf('<w:p>', xml.indexOf('>one<')), xml.indexOf('>one<'));
    expect(two).toContain('<w:spacing w:after="160"/>');
    expect(one).not.toContain('w:after="160"');
    expect(xml.slice(xml.lastIndexOf('<w:p>', xml.indexOf('>Notes<')), xml.indexOf('>Notes<'))).toContain('<w:pageBreakBefore/>');
  });

  it('writes dates with non-breaking spaces, and amounts with pence where a kind asks', async () => {
    const { xml } = await render('{{meeting.date}}', { 'meeting.date': '2026-03-14' });
    expect(xml).toContain('14\u00a0March\u00a02026');
    expect(resolveValues('invoice', { 'invoice.amount': 5000, 'invoice.to_pay': 0 })).toMatchObject({ 'invoice.amount': ['£50.00'], 'invoice.to_pay': ['£0.00'] });
  });
});
