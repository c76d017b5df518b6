import { countWords, templateText } from './markdown-text';
import { resolveValues } from './placeholder-values';

const body = [
  '```from',
  '{{writer.name}}',
  '{{writer.address}}',
  '```',
  '',
  '**A subject about {{area}}**',
  '',
  '````if recipient.name',
  'Dear {{recipient.name}},',
  '````',
  '',
  '````unless recipient.name',
  'Dear Sir or Madam,',
  '````',
  '',
  'I ask you *to*:',
  '',
  '- act on **this**;',
  '- reply.',
  '',
  '```signed',
  '{{writer.name}}',
  '```',
].join('\n');

describe('templateText', () => {
  it('takes the first all-bold paragraph as the subject and writes the rest as plain paragraphs, values literal', () => {
    const values = resolveValues('letter-mp', { 'writer.name': '**Sam** {{area}}', 'writer.address': 'Line 1\nLine 2', area: 'Leeds *Central*' });
    const plain = templateText({ kind: 'letter-mp', title: 'Title', body }, values);
    expect(plain.subject).toBe('A subject about Leeds *Central*');
    expect(plain.parts).toEqual([
      { kind: 'block', text: '**Sam** {{area}}\nLine 1\nLine 2' },
      { kind: 'text', text: 'Dear Sir or Madam,' },
      { kind: 'text', text: 'I ask you to:' },
      { kind: 'text', text: '- act on this;' },
      { kind: 'text', text: '- reply.' },
      { kind: 'block', text: '**Sam** {{area}}' },
    ]);
  });

  it('answers ```if blocks as the document does', () => {
    const plain = templateText({ kind: 'letter-mp', title: 'Title', body }, resolveValues('letter-mp', { 'recipient.name': 'Jo' }));
    expect(plain.parts.map((p) => p.text)).toContain('Dear Jo,');
    expect(plain.parts.map((p) => p.text)).not.toContain('Dear Sir or Madam,');
  });

  it('falls back to the title when no paragraph is all bold', () => {
    expect(templateText({ kind: 'letter-mp', title: 'Title', body: 'Plain **and** bold.' }, resolveValues('letter-mp', {})).subject).toBe('Title');
  });
});

describe('countWords', () => {
  it('counts words, keeping "it’s" and "long-term" one each', () => {
    expect(countWords('It’s a long-term fight — 100% of us, together.')).toBe(8);
    expect(countWords('')).toBe(0);
  });
});
