import { NotFoundError } from '../errors/domain-error';
import { IntId404Pipe } from './int-id.pipe';

describe('IntId404Pipe', () => {
  const pipe = new IntId404Pipe('No such version');

  it('passes a whole number an integer column can hold', () => {
    expect(pipe.transform('1')).toBe(1);
    expect(pipe.transform('2147483647')).toBe(2_147_483_647);
  });

  it.each(['0', '-1', '01', '1.5', '1e3', ' 1', 'abc', '', '2147483648', '99999999999', '12345678901234567890'])('finds nothing for %j', (value) => {
    expect(() => pipe.transform(value)).toThrow(new NotFoundError('No such version'));
  });

  it('says "Not found" unless told otherwise', () => {
    expect(() => new IntId404Pipe().transform('x')).toThrow(new NotFoundError());
  });
});
