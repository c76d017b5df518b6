import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { FormBody, FormInteger, TrimmedOrUndefined } from '../../common/dto/transforms';
import { IsSafeText } from '../../common/validation';
import { parsePounds } from '../money';
import { MAX_STATEMENT_LINES } from '../statement-csv';

/** ~100 kB: the JSON and form body limit; a larger file goes as a multipart upload. */
const CSV_MAX = 1_000_000;

export class UpdateFeeBandDto extends FormBody {
  @ApiPropertyOptional()
  @TrimmedOrUndefined()
  @IsOptional()
  @IsString({ message: 'Enter the band’s name' })
  @Length(2, 120, { message: 'The band’s name is 2 to 120 characters' })
  @IsSafeText({ label: 'Band name' })
  label?: string;

  @ApiPropertyOptional({ description: 'Integer pence' })
  @IsOptional()
  @FormInteger()
  @IsInt({ message: 'Enter the fee in pence as a whole number' })
  @Min(0, { message: 'The fee cannot be negative' })
  @Max(10_000_000, { message: 'The fee is too large' })
  amountPence?: number;
}

/** The page form: the fee typed in pounds. */
export class UpdateFeeBandFormDto extends FormBody {
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the band’s name' })
  @Length(2, 120, { message: 'The band’s name is 2 to 120 characters' })
  @IsSafeText({ label: 'Band name' })
  label!: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (parsePounds(value) ?? value) : value))
  @IsInt({ message: 'Enter the fee in pounds, like 25 or 12.50' })
  @Min(0, { message: 'The fee cannot be negative' })
  @Max(10_000_000, { message: 'The fee is too large' })
  amount!: number;
}

export class StatementPreviewDto extends FormBody {
  @ApiPropertyOptional({ description: 'The CSV text (or upload it as the multipart field "file")' })
  @IsOptional()
  @IsString({ message: 'Paste the CSV export from the bank' })
  @MaxLength(CSV_MAX, { message: 'The file is too large; import it in parts' })
  csv?: string;
}

export class StatementConfirmDto extends StatementPreviewDto {
  @ApiProperty({ type: [Number], description: 'The file’s line numbers to record, as shown by the preview' })
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
