import mammoth from 'mammoth';
import { compileTemplate } from './compiled-template';
import { resolveValues } from './placeholder-values';
import { readZip } from './zip';

async function render(body: string, values: Record<string, string> = {}): Promise<{ html: string; xml: string }> {
  const template = await compileTemplate({ kind: 'model-motion', version: 1, title: 'Test', body, createdAt: new Date(0) });
  const buffer = template.fill(resolveValues('model-motion', values));
  const xml = readZip(buffer).find((p) => p.name === 'word/document.xml')!.data.toString('utf8');
  return { html: (await mammoth.convertToHtml({ buffer })).value, xml };
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
});
