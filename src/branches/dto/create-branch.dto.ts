import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsSafeText } from '../../common/validation';
import { REGION_KEYS } from '../regions';
import { OTHER_UNION, UNION_KEYS } from '../unions';
import { REGION_KEY, UNION_KEY } from './reference.dto';
import { FormBody, FormBoolean, FormInteger, TrimmedOrUndefined } from '../../common/dto/transforms';

export const MAX_MEMBERSHIP = 2_000_000;

/** The fields a secretary sets on a branch; nothing else (status, secretary…) can be sent. */
export class CreateBranchDto extends FormBody {
  @ApiProperty({ ...UNION_KEY, description: 'A union key (GET /api/reference/unions), or `other` with `unionOther`', example: 'unison' })
  @IsIn(UNION_KEYS, { message: 'Choose the branch’s union from the list, or “Other union”' })
  union!: string;

  @ApiPropertyOptional({ description: 'The union’s name when `union` is `other` (needed then)', minLength: 2, maxLength: 120, example: 'Independent Rank and File Union' })
  @TrimmedOrUndefined()
  @ValidateIf((o: CreateBranchDto) => o.union === OTHER_UNION || o.unionOther !== undefined)
  @IsString({ message: 'Enter the name of the union' })
  @Length(2, 120, { message: 'The union’s name must be 2 to 120 characters' })
  @IsSafeText({ label: 'Union name' })
  unionOther?: string;

  @ApiProperty({ example: 'Leeds City', minLength: 2, maxLength: 150 })
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the branch name' })
  @Length(2, 150, { message: 'The branch name must be 2 to 150 characters' })
  @IsSafeText({ label: 'Branch name' })
  name!: string;

  @ApiPropertyOptional({ description: 'Branch code or number, if it has one', maxLength: 40, example: 'Y0123' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsString({ message: 'Enter the branch code as text' })
  @MaxLength(40, { message: 'The branch code must be 40 characters or fewer' })
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u, { message: 'The branch code can only use letters, numbers, spaces, dots, slashes and dashes' })
  code?: string;

  @ApiProperty({ ...REGION_KEY, description: 'TUC region or nation key (GET /api/reference/regions)', example: 'yorkshire_humber' })
  @IsIn(REGION_KEYS, { message: 'Choose the region or nation' })
  region!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_MEMBERSHIP, example: 350, description: 'Members, a whole number' })
  @FormInteger()
  @IsNotEmpty({ message: 'Enter the number of members' })
  @IsInt({ message: 'Enter the number of members as a whole number, like 350' })
  @Min(1, { message: 'The branch must have at least 1 member' })
  @Max(MAX_MEMBERSHIP, { message: `The number of members must be ${MAX_MEMBERSHIP.toLocaleString('en-GB')} or fewer` })
  membershipSize!: number;

  @ApiPropertyOptional({ description: 'A regional or national body, which pays the top fee band (left out at registration: false)', example: false })
  @FormBoolean()
  @IsOptional()
  @IsBoolean({ message: 'Say whether this is a regional or national body' })
  regionalBody?: boolean;

  @ApiPropertyOptional({ description: 'Name on the public list; defaults to union and branch name', minLength: 2, maxLength: 200, example: 'UNISON Leeds City Branch' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsString({ message: 'Enter the public name as text' })
  @Length(2, 200, { message: 'The public name must be 2 to 200 characters' })
  @IsSafeText({ label: 'Public name' })
  publicName?: string;

  @ApiProperty({ description: 'Consent to appear on the public list of affiliated branches', example: true })
  @FormBoolean()
  @IsBoolean({ message: 'Say whether the branch may appear on the public list' })
  listPublicly!: boolean;

  @ApiPropertyOptional({ description: 'Postal address for letters, lines separated by newlines (never published)', maxLength: 500, example: 'UNISON Leeds City Branch\n1 Example Street\nLeeds LS1 1AA' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsString({ message: 'Enter the address as text' })
  @MaxLength(500, { message: 'The address must be 500 characters or fewer' })
  @IsSafeText({ multiline: true, label: 'Address' })
  address?: string;
}
