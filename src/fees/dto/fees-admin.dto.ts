import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { FormBody, FormBoolean, FormInteger, TrimmedOrUndefined, FormPounds } from '../../common/dto/transforms';
import { IsSafeText } from '../../common/validation';
import { MAX_STATEMENT_LINES } from '../statement-csv';

/** ~100 kB: the JSON and form body limit; a larger file goes as a multipart upload. */
const CSV_MAX = 1_000_000;

const BAND_NAME_MESSAGE = 'Enter the band’s name';
const BAND_NAME_LENGTH = 'The band’s name must be 2 to 120 characters';
const FEE_TOO_LARGE = 'The fee must be £100,000 or less';

export class UpdateFeeBandDto extends FormBody {
  @ApiPropertyOptional({ minLength: 2, maxLength: 120, example: '501 to 2,000 members' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsString({ message: BAND_NAME_MESSAGE })
  @Length(2, 120, { message: BAND_NAME_LENGTH })
  @IsSafeText({ label: 'Band name' })
  label?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 10_000_000, description: 'The yearly fee, integer pence', example: 5000 })
  @IsOptional()
  @FormInteger()
  @IsInt({ message: 'Enter the fee in pence as a whole number' })
  @Min(0, { message: 'The fee cannot be negative' })
  @Max(10_000_000, { message: FEE_TOO_LARGE })
  amountPence?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 2_000_000,
    description: 'The smallest membership in the band; it runs to just below the next band. The lowest band starts at 1, and no two bands start together',
    example: 501,
  })
  @IsOptional()
  @FormInteger()
  @IsInt({ message: 'Enter the number of members the band starts at, as a whole number' })
  @Min(1, { message: 'A band starts at 1 member or more' })
  @Max(2_000_000, { message: 'A band cannot start above 2,000,000 members' })
  minMembers?: number;

  @ApiPropertyOptional({ type: Boolean, description: 'Regional and national bodies pay this band whatever their size (one band at most: marking one unmarks the others)' })
  @IsOptional()
  @FormBoolean()
  @IsBoolean({ message: 'forRegionalBodies must be true or false' })
  forRegionalBodies?: boolean;
}

export class CreateFeeBandDto extends FormBody {
  @ApiProperty({ minLength: 2, maxLength: 120, example: '2,001 to 5,000 members' })
  @TrimmedOrUndefined()
  @IsString({ message: BAND_NAME_MESSAGE })
  @Length(2, 120, { message: BAND_NAME_LENGTH })
  @IsSafeText({ label: 'Band name' })
  label!: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000_000, description: 'The yearly fee, integer pence', example: 10000 })
  @FormInteger()
  @IsNotEmpty({ message: 'Enter the fee' })
  @IsInt({ message: 'Enter the fee in pence as a whole number' })
  @Min(0, { message: 'The fee cannot be negative' })
  @Max(10_000_000, { message: FEE_TOO_LARGE })
  amountPence!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 2_000_000, description: 'The smallest membership in the band; it runs to just below the next band’s start', example: 2001 })
  @FormInteger()
  @IsNotEmpty({ message: 'Enter the number of members the band starts at' })
  @IsInt({ message: 'Enter the number of members the band starts at, as a whole number' })
  @Min(1, { message: 'A band starts at 1 member or more' })
  @Max(2_000_000, { message: 'A band cannot start above 2,000,000 members' })
  minMembers!: number;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Regional and national bodies pay this band whatever their size (one band at most)' })
  @IsOptional()
  @FormBoolean()
  @IsBoolean({ message: 'forRegionalBodies must be true or false' })
  forRegionalBodies?: boolean;
}

/** The page form: the fee typed in pounds, the regional box ticked or not (an unticked box sends nothing). */
export class FeeBandFormDto extends FormBody {
  @TrimmedOrUndefined()
  @IsString({ message: BAND_NAME_MESSAGE })
  @Length(2, 120, { message: BAND_NAME_LENGTH })
  @IsSafeText({ label: 'Band name' })
  label!: string;

  @FormInteger()
  @IsNotEmpty({ message: 'Enter the number of members the band starts at' })
  @IsInt({ message: 'Enter the number of members the band starts at as a whole number, like 501' })
  @Min(1, { message: 'A band starts at 1 member or more' })
  @Max(2_000_000, { message: 'A band cannot start above 2,000,000 members' })
  minMembers!: number;

  @FormPounds()
  @IsNotEmpty({ message: 'Enter the yearly fee' })
  @IsInt({ message: 'Enter the fee in pounds, like 25 or 12.50' })
  @Min(0, { message: 'The fee cannot be negative' })
  @Max(10_000_000, { message: FEE_TOO_LARGE })
  amount!: number;

  @IsOptional()
  @FormBoolean()
  @IsBoolean({ message: 'Tick the box, or leave it empty' })
  forRegionalBodies?: boolean;
}

export class StatementPreviewDto extends FormBody {
  @ApiPropertyOptional({
    maxLength: CSV_MAX,
    description: 'The CSV text exported from the bank, its first line naming the columns (date, description, amount or paid in/out, transaction id)',
    example: 'Date,Description,Amount,Transaction ID\r\n14/03/2026,"BGC PSOOL-2026-0042-K UNISON",25.00,TX-1\r\n',
  })
  @IsOptional()
  @IsString({ message: 'Paste the CSV export from the bank' })
  @MaxLength(CSV_MAX, { message: 'The file is too large; import it in parts' })
  csv?: string;
}

export class StatementConfirmDto extends StatementPreviewDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'integer', minimum: 2 },
    maxItems: MAX_STATEMENT_LINES + 1,
    description: 'The file’s line numbers to record, as the preview showed them (line 1 names the columns)',
    example: [2, 4],
  })
  @Transform(({ value }: { value: unknown }) => {
    const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return list.map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v));
  })
  @IsArray({ message: 'Choose the lines to record' })
  @ArrayMaxSize(MAX_STATEMENT_LINES + 1)
  @IsInt({ each: true, message: 'Line numbers are whole numbers' })
  @Min(2, { each: true, message: 'Line numbers start at 2 (line 1 names the columns)' })
  lines!: number[];
}
