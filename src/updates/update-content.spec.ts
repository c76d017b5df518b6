import { renderUpdateBody, updateEmail } from './update-content';

describe('an update’s content', () => {
  it('renders Markdown with links, and shows raw HTML as text', () => {
    const html = renderUpdateBody('Read [the statement](https://example.org/statement).\n\n<script>alert(1)</script>');
    expect(html).toContain('<a href="https://example.org/statement">the statement</a>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('refuses script links and images', () => {
    const html = renderUpdateBody('[x](javascript:alert(1)) ![pixel](https://tracker.example/p.gif)');
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain('<img');
  });

  it('ends each email with why the person gets it and their own link, in both parts and the header', () => {
    const email = updateEmail({ subject: 'News', body: 'Hello' }, 'sec@example.org', 'branches', 'https://portal.example/unsubscribe/tok');
    expect(email.text).toMatch(/secretary of a branch affiliated[\s\S]*https:\/\/portal\.example\/unsubscribe\/tok/);
    expect(email.html).toContain('href="https://portal.example/unsubscribe/tok"');
    expect(email.listUnsubscribe).toBe('https://portal.example/unsubscribe/tok');
  });
});
