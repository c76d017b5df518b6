import { addressWithoutName, branchPhrases, unionShortName } from './branch-phrases';

describe('branch phrases', () => {
  it('never doubles "branch", whichever way the branch typed its name', () => {
    expect(branchPhrases('Leeds City', 'UNISON').fullName).toBe('Leeds City branch of UNISON');
    expect(branchPhrases('Leeds City Branch', 'UNISON').fullName).toBe('Leeds City Branch of UNISON');
    expect(branchPhrases('leeds city branch', 'UNISON').fullName).toBe('leeds city branch of UNISON');
    expect(branchPhrases('Central London Chapel', 'National Union of Journalists (NUJ)').fullName).toBe('Central London Chapel of the National Union of Journalists (NUJ)');
  });

  it('never repeats the union when the name already holds it', () => {
    expect(branchPhrases('UNISON Leeds City Branch', 'UNISON')).toMatchObject({ fullName: 'UNISON Leeds City Branch', title: 'UNISON Leeds City Branch', fileStem: 'UNISON Leeds City Branch' });
    expect(branchPhrases('Unite Bristol', 'Unite the Union')).toMatchObject({ fullName: 'Unite Bristol branch', title: 'Unite Bristol Branch', fileStem: 'Unite Bristol' });
    expect(branchPhrases('RMT Leeds No. 1', 'National Union of Rail, Maritime and Transport Workers (RMT)').fileStem).toBe('RMT Leeds No. 1');
  });

  it('gives a letterhead title and a file name start with the union’s short name', () => {
    expect(branchPhrases('Leeds City', 'UNISON')).toMatchObject({ title: 'UNISON Leeds City Branch', fileStem: 'UNISON Leeds City' });
    expect(branchPhrases('Leeds  City\tBranch', 'UNISON')).toMatchObject({ name: 'Leeds City Branch', title: 'UNISON Leeds City Branch' });
    expect(branchPhrases('Bristol Central', 'Unite the Union')).toMatchObject({ fullName: 'Bristol Central branch of Unite the Union', title: 'Unite Bristol Central Branch' });
  });

  it('writes "the" before a union named by what it is', () => {
    expect(branchPhrases('Leeds', "Musicians' Union").fullName).toBe("Leeds branch of the Musicians' Union");
    expect(branchPhrases('Leeds', 'GMB').fullName).toBe('Leeds branch of GMB');
    expect(branchPhrases('Leeds', 'Unite the Union').fullName).toBe('Leeds branch of Unite the Union');
  });

  it('shortens a union to its initials, or to its name without an aside', () => {
    expect(unionShortName('National Education Union (NEU)')).toBe('NEU');
    expect(unionShortName('Bectu (Prospect)')).toBe('Bectu');
    expect(unionShortName('Unite the Union')).toBe('Unite');
    expect(unionShortName('UNISON')).toBe('UNISON');
  });

  it('drops address lines that only repeat the name or union', () => {
    const p = branchPhrases('Leeds City', 'UNISON');
    expect(addressWithoutName('UNISON Leeds City Branch\nUNISON\nLeeds City\nUnity House\n\n12 Park Row\nLeeds LS1 5HD', p)).toBe('Unity House\n12 Park Row\nLeeds LS1 5HD');
    expect(addressWithoutName('unison  leeds city branch,\nUnity House', p)).toBe('Unity House');
  });
});
