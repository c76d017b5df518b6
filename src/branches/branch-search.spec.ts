import { branchSearchWhere, searchWords } from './branch-search';

describe('the admins’ search by branch or union name', () => {
  it('reads words as text search does: letters and digits, lower case, at most five', () => {
    expect(searchWords('  UNISON   Leeds-City ')).toEqual(['unison', 'leeds', 'city']);
    expect(searchWords("O'Brien & Sons | !x :* 'y'")).toEqual(['o', 'brien', 'sons', 'x', 'y']);
    expect(searchWords('Ysgol Gymraeg Caerdydd Ŵyr 2 3 4')).toEqual(['ysgol', 'gymraeg', 'caerdydd', 'ŵyr', '2']);
    expect(searchWords('%_\\')).toEqual([]);
  });

  it('binds every value, one condition per word, a union from the list by the words of its name', () => {
    const params: unknown[] = ['earlier'];
    const sql = branchSearchWhere('journ leeds', 'b', params);
    expect(params).toEqual(['earlier', 'journ:*', ['nuj'], 'leeds:*']);
    expect(sql).toBe(
      "(to_tsvector('simple', b.public_name || ' ' || coalesce(b.union_other, '')) @@ to_tsquery('simple', $2) OR b.union = ANY($3)) AND " +
        "to_tsvector('simple', b.public_name || ' ' || coalesce(b.union_other, '')) @@ to_tsquery('simple', $4)",
    );
  });

  it('matches every branch when the search has no words', () => {
    const params: unknown[] = [];
    expect(branchSearchWhere('&&', 'b', params)).toBe('true');
    expect(params).toEqual([]);
  });
});
