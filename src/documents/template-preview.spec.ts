import { previewHtml, sampleValues } from './template-preview';

describe('previewHtml', () => {
  it('renders the Markdown with sample values, escaped, in place of the placeholders', () => {
    const html = previewHtml('model-motion', '# Motion\n\nFor **{{branch.name}}** of {{union}}.', { 'branch.name': ['A <b>&</b>'], union: ['U'], 'meeting.date': ['x'] });
    expect(html).toBe('<h3>Motion</h3>\n<p>For <strong><mark class="placeholder-value">A &lt;b&gt;&amp;&lt;/b&gt;</mark></strong> of <mark class="placeholder-value">U</mark>.</p>\n');
  });

  it('shows raw HTML and entities as text, and makes no images', () => {
    const html = previewHtml('model-motion', '<script>alert(1)</script>\n\n"><svg onload=alert(1)> &lt;i&gt; ![x](https://example.org/x.png)');
    expect(html).not.toMatch(/<script|<svg|<img|<i>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt; &lt;i&gt;');
  });

  it('puts a value in a link title as plain text', () => {
    const html = previewHtml('model-motion', '[site](https://example.org "{{branch.name}}")', { 'branch.name': ['"><svg>'], union: [''], 'meeting.date': [''] });
    expect(html).toBe('<p><a href="https://example.org" title="&quot;&gt;&lt;svg&gt;">site</a></p>\n');
  });

  it('lays out letter blocks with line breaks', () => {
    const html = previewHtml('affiliation-letter', '```from\n{{branch.name}}\n{{branch.address}}\n```\n\n```signatures\nBranch chair\n```\n');
    expect(html).toContain('<p class="preview-letter preview-letter-from"><mark class="placeholder-value">Bristol Central</mark><br><mark class="placeholder-value">12 Example Street<br>Bristol<br>BS1 4DJ</mark></p>');
    expect(html).toContain('<strong>Branch chair</strong>');
  });

  it('has a sample for every placeholder', () => {
    expect(sampleValues('affiliation-letter')['fee.amount']).toEqual(['£50']);
    expect(sampleValues('model-motion')['meeting.date']).toEqual(['14\u00a0March\u00a02026']);
    expect(sampleValues('invoice')['invoice.amount']).toEqual(['£50.00']);
  });

  it('shows conditional blocks labelled, notes, page breaks and tables of lines', () => {
    const html = previewHtml(
      'invoice',
      '````unless paid.on\nPlease pay **{{invoice.to_pay}}**.\n````\n\n```note\nA *note*.\n```\n\n```new-page\n```\n\n```lines\nDescription | Amount\nFee | {{invoice.amount}}\n---\n**Total** | {{invoice.amount}}\n```\n',
    );
    expect(html).toContain('<div class="preview-condition"><p class="hint">Only when paid.on has no value:</p>\n<p>Please pay <strong><mark class="placeholder-value">£50.00</mark></strong>.</p>\n</div>');
    expect(html).toContain('<div class="preview-note">\n<p>A <em>note</em>.</p>\n</div>');
    expect(html).toContain('(A new page starts here.)');
    expect(html).toContain('<table class="preview-lines"><thead><tr><th scope="col">Description</th><th scope="col">Amount</th></tr></thead><tbody><tr><td>Fee</td><td><mark class="placeholder-value">£50.00</mark></td></tr><tr><th scope="row"><strong>Total</strong></th><th><mark class="placeholder-value">£50.00</mark></th></tr></tbody></table>');
  });
});
