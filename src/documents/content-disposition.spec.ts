import { asciiFallback, attachmentDisposition, fileNamePart } from './content-disposition';

describe('attachmentDisposition', () => {
  it('quotes an ASCII name and adds nothing else', () => {
    expect(attachmentDisposition('Model motion.docx')).toBe('attachment; filename="Model motion.docx"');
  });

  it('adds the UTF-8 name as filename* (RFC 8187) beside an ASCII fallback', () => {
    expect(attachmentDisposition('Caerdydd a’r Fro (Cymru) ✊.docx')).toBe(
      `attachment; filename="Caerdydd a'r Fro (Cymru).docx"; filename*=UTF-8''Caerdydd%20a%E2%80%99r%20Fro%20%28Cymru%29%20%E2%9C%8A.docx`,
    );
  });

  it("keeps apostrophes as ' and dashes as - in the fallback", () => {
    expect(asciiFallback('Musicians’ Union – Wales.docx')).toBe("Musicians' Union - Wales.docx");
    expect(attachmentDisposition("Workers' Guild.docx")).toBe(`attachment; filename="Workers' Guild.docx"`);
  });

  it('drops accents rather than letters in the fallback', () => {
    expect(asciiFallback('Région Île-de-France.docx')).toBe('Region Ile-de-France.docx');
    expect(asciiFallback('東京.docx')).toBe('document.docx');
  });
});

describe('fileNamePart', () => {
  it('removes path separators, reserved and invisible characters', () => {
    expect(fileNamePart('../../etc/passwd')).toBe('etc passwd');
    expect(fileNamePart('a<b>c:"d"|e?*f\\g')).toBe('a b c d e f g');
    expect(fileNamePart('Bristol\u202Elartnec\u200B')).toBe('Bristol lartnec');
  });

  it('cuts a long name after a whole word, without a dangling separator', () => {
    expect(fileNamePart('Leeds City and District Health, Local Government and Community Services', 40)).toBe('Leeds City and District Health, Local');
    expect(fileNamePart('Leeds - Bradford - Wakefield', 17)).toBe('Leeds - Bradford');
    expect(fileNamePart('Supercalifragilisticexpialidocious branch', 10)).toBe('Supercalif');
  });

  it('shortens long names without splitting an emoji', () => {
    const part = fileNamePart('🐝'.repeat(100), 10);
    expect([...part]).toHaveLength(10);
    expect(part).not.toMatch(/[\ud800-\udfff]/u);
  });
});
