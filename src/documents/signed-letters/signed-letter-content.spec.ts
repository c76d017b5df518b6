import { cleanUploadName, describeRefusedFile, detectSignedLetterType, sizeLabel } from './signed-letter-content';

const bytes = (...b: number[]): Buffer => Buffer.from(b);

describe('a signed letter by its content', () => {
  it.each([
    ['a PDF 1.7', Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1'), 'application/pdf'],
    ['a PDF 2.0', Buffer.from('%PDF-2.0\n', 'latin1'), 'application/pdf'],
    ['a JFIF JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46), 'image/jpeg'],
    ['an Exif JPEG (a phone photo)', bytes(0xff, 0xd8, 0xff, 0xe1, 0x2f, 0xfe, 0x45, 0x78), 'image/jpeg'],
    ['a PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d), 'image/png'],
  ])('knows %s', (_what, content, type) => {
    expect(detectSignedLetterType(content)).toBe(type);
  });

  it.each([
    ['a Windows program', bytes(0x4d, 0x5a, 0x90, 0)],
    ['a text that mentions a PDF', Buffer.from(' %PDF-1.4 is what this should have been')],
    ['a PDF header cut short', Buffer.from('%PDF')],
    ['a PNG signature with a wrong byte', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b)],
    ['two bytes of a JPEG', bytes(0xff, 0xd8)],
    ['a GIF', Buffer.from('GIF89a')],
    ['an SVG (a script could hide in it)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_what, content) => {
    expect(detectSignedLetterType(content)).toBeUndefined();
  });

  it('says what a common wrong file is, and nothing about others', () => {
    expect(describeRefusedFile(Buffer.from('PK\u0003\u0004\u0014\u0000', 'latin1'))).toMatch(/^a Word document/);
    expect(describeRefusedFile(bytes(0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63))).toMatch(/^an HEIC photo/);
    expect(describeRefusedFile(bytes(0x4d, 0x5a, 0x90))).toBe('a program, not a document');
    expect(describeRefusedFile(Buffer.from('\u007fELF', 'latin1'))).toBe('a program, not a document');
    expect(describeRefusedFile(Buffer.from('Dear comrades'))).toBeUndefined();
  });
});

describe('the name an upload had', () => {
  it('keeps the name without a path or hidden characters, for admins to recognise it', () => {
    expect(cleanUploadName('C:\\fakepath\\letter.pdf')).toBe('letter.pdf');
    expect(cleanUploadName('../../etc/passwd')).toBe('passwd');
    expect(cleanUploadName('Llythyr wedi’i lofnodi\u202Egpj.pdf')).toBe('Llythyr wedi’i lofnodi gpj.pdf');
    expect(cleanUploadName('Cafe\u0301.pdf')).toBe('Café.pdf');
    expect(cleanUploadName(`${'a'.repeat(200)}.pdf`)).toHaveLength(120);
  });

  it('is null when nothing is left', () => {
    expect(cleanUploadName(undefined)).toBeNull();
    expect(cleanUploadName('')).toBeNull();
    expect(cleanUploadName('...')).toBeNull();
    expect(cleanUploadName('\u200b\u200b')).toBeNull();
  });
});

describe('a file size for people', () => {
  it.each([
    [5_000_000, '5 MB'],
    [1_234_567, '1.2 MB'],
    [999_999, '1 MB'],
    [999_499, '999 kB'],
    [482_133, '482 kB'],
    [134, '134 bytes'],
    [1, '1 byte'],
  ])('reads %d bytes as %s', (n, label) => {
    expect(sizeLabel(n)).toBe(label);
  });
});
