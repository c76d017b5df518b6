import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { FormBody, FormInteger, TrimmedOrUndefined } from '../../common/dto/transforms';

export class AgreeAmountDto extends FormBody {
  @ApiProperty({ description: 'Integer pence' })
  @FormInteger()
  @IsInt({ message: 'Enter the amount in pence as a whole number' })
  @Min(0, { message: 'The amount cannot be negative' })
  @Max(10_000_000, { message: 'The amount is too large' })
  amountPence!: number;
}

/** The admin page's form gives pounds (and pence), e.g. "12.50". */
export class AgreeAmountFormDto extends FormBody {
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the amount agreed, like 10 or 12.50' })
  @Matches(/^£?\d{1,6}(\.\d{2})?$/, { message: 'Enter the amount agreed in pounds, like 10 or 12.50' })
  amount!: string;
}
