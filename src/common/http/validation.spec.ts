import { Injectable, Type } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { Equals, IsIn, IsInt, IsNotEmpty, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { FormInteger, TrimmedOrUndefined } from '../dto/transforms';
import type { FieldErrors } from '../errors/domain-error';
import { CheckedBy, FieldOrder, IsSafeText, type FieldChecks } from '../validation';
import { createValidationPipe, RequestValidationException, ruleRank, validateBody } from './validation';

/** The rules written from the widest to the most basic: the order class-validator runs them in is the reverse. */
class Members {
  @FormInteger()
  @Max(2_000_000, { message: 'at most 2,000,000' })
  @Min(1, { message: 'at least 1 member' })
  @IsInt({ message: 'a whole number' })
  @IsNotEmpty({ message: 'Enter the number of members' })
  members!: number;
}

/** The same rules, most basic first. */
class MembersBasicFirst {
  @FormInteger()
  @IsNotEmpty({ message: 'Enter the number of members' })
  @IsInt({ message: 'a whole number' })
  @Min(1, { message: 'at least 1 member' })
  @Max(2_000_000, { message: 'at most 2,000,000' })
  members!: number;
}

class Person {
  @TrimmedOrUndefined()
  @Length(1, 120, { message: 'Name must be between 1 and 120 characters' })
  @IsSafeText({ label: 'Name' })
  @IsString({ message: 'Enter your name' })
  name!: string;
}

class Base {
  @IsString({ message: 'Enter a' }) a!: string;
  @IsString({ message: 'Enter b' }) b!: string;
}
class Derived extends Base {
  @IsString({ message: 'Enter c' }) c!: string;
}
@FieldOrder('b', 'c')
class Reordered extends Base {
  @IsString({ message: 'Enter c' }) c!: string;
}

async function errorsOf<T extends object>(dto: Type<T>, body: object): Promise<FieldErrors> {
  try {
    await validateBody(dto, body);
  } catch (error) {
    if (error instanceof RequestValidationException) return error.errors;
    throw error;
  }
  return {};
}

describe('one message per field, the most basic rule that fails', () => {
  it.each([
    ['written widest first', Members],
    ['written most basic first', MembersBasicFirst],
  ])('"about 300" is not a whole number, and says nothing of its size (%s)', async (_, dto) => {
    expect(await errorsOf(dto, { members: 'about 300' })).toEqual({ members: ['a whole number'] });
  });

  it.each([Members, MembersBasicFirst])('an empty number says "Enter …"', async (dto) => {
    expect(await errorsOf(dto, { members: '' })).toEqual({ members: ['Enter the number of members'] });
    expect(await errorsOf(dto, {})).toEqual({ members: ['Enter the number of members'] });
  });

  it('a number out of range gets the range message alone', async () => {
    expect(await errorsOf(Members, { members: '0' })).toEqual({ members: ['at least 1 member'] });
    expect(await errorsOf(Members, { members: '3,000,000' })).toEqual({ members: ['at most 2,000,000'] });
  });

  it('an empty name says "Enter your name", not its length', async () => {
    expect(await errorsOf(Person, { name: '   ' })).toEqual({ name: ['Enter your name'] });
  });

  it('ranks presence, then type, then characters, then format, then size, then policy', () => {
    const ranks = ['isNotEmpty', 'isString', 'isSafeText', 'matches', 'maxLength', 'isNewPassword'].map(ruleRank);
    expect([...ranks].sort((x, y) => x - y)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(ranks.length);
  });
});

describe('every field at once, in field order', () => {
  it("reports a parent's fields before its subclass's, in declaration order", async () => {
    expect(Object.keys(await errorsOf(Derived, {}))).toEqual(['a', 'b', 'c']);
  });

  it('follows @FieldOrder where a form asks in another order', async () => {
    expect(Object.keys(await errorsOf(Reordered, {}))).toEqual(['b', 'c', 'a']);
  });

  it('names an unknown field once, in plain words', async () => {
    expect(await errorsOf(Base, { a: 'x', b: 'y', role: 'admin' })).toEqual({ role: ['role is not a field you can set'] });
  });
});

@Injectable()
class CodeChecks implements FieldChecks<{ code: string; day: string }> {
  readonly seen: string[][] = [];
  async check(dto: { code: string; day: string }, passed: (field: string) => boolean): Promise<FieldErrors> {
    this.seen.push(['code', 'day', 'confirm'].filter(passed));
    return { ...(passed('code') && dto.code !== 'known' && { code: ['No such code'] }), day: ['Checked day'] };
  }
}

@CheckedBy(CodeChecks)
class Checked {
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the code' })
  code!: string;

  @TrimmedOrUndefined()
  @IsIn(['monday', 'tuesday'], { message: 'Choose a day' })
  day!: string;

  @Transform(({ value }: { value: unknown }) => value === 'yes' || value)
  @Equals(true, { message: 'Confirm it' })
  confirm!: boolean;
}

describe('the validation pipe with a feature’s checks', () => {
  const checks = new CodeChecks();
  const pipe = createValidationPipe(<T>(type: Type<T>) => {
    expect(type).toBe(CodeChecks);
    return checks as T;
  });
  const run = async (body: object): Promise<FieldErrors> => {
    try {
      await pipe.transform(body, { type: 'body', metatype: Checked });
    } catch (error) {
      if (error instanceof RequestValidationException) return error.errors;
      throw error;
    }
    return {};
  };

  it('runs them on the fields that passed, and reports theirs with the DTO’s, in field order', async () => {
    const errors = await run({ code: 'unknown', day: 'someday' });
    expect(errors).toEqual({ code: ['No such code'], day: ['Choose a day'], confirm: ['Confirm it'] });
    expect(Object.keys(errors)).toEqual(['code', 'day', 'confirm']);
    expect(checks.seen.at(-1)).toEqual(['code']);
  });

  it('refuses on the checks alone when the DTO’s rules pass', async () => {
    expect(await run({ code: 'unknown', day: 'monday', confirm: 'yes' })).toEqual({ code: ['No such code'], day: ['Checked day'] });
  });

  it('does not run them for a body with a field nobody may set', async () => {
    const before = checks.seen.length;
    expect(await run({ code: 'known', day: 'monday', confirm: 'yes', role: 'admin' })).toEqual({ role: ['role is not a field you can set'] });
    expect(checks.seen.length).toBe(before);
  });

  it('without a resolver (validateBody), runs the DTO’s rules alone', async () => {
    expect(await errorsOf(Checked, { code: 'unknown', day: 'monday', confirm: 'yes' })).toEqual({});
  });
});

describe('a rule list written in any order gives the same answer', () => {
  class Code {
    @TrimmedOrUndefined()
    @MaxLength(5, { message: 'too long' })
    @IsString({ message: 'Enter the code' })
    code!: string;
  }
  it('too long, when it is text', async () => {
    expect(await errorsOf(Code, { code: 'abcdefgh' })).toEqual({ code: ['too long'] });
    expect(await errorsOf(Code, { code: 42 })).toEqual({ code: ['Enter the code'] });
  });
});
