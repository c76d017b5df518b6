import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, Max, Min } from 'class-validator';
import { FormBody, FormInteger, FormPounds } from '../../common/dto/transforms';

export class AgreeAmountDto extends FormBody {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000_000, example: 1000, description: 'The amount agreed, in whole pence' })
  @FormInteger()
  @IsNotEmpty({ message: 'Enter the amount agreed, in pence' })
  @IsInt({ message: 'Enter the amount in pence as a whole number' })
  @Min(0, { message: 'The amount cannot be negative' })
  @Max(10_000_000, { message: 'The amount must be £100,000 or less' })
  amountPence!: number;
}

/** The admin page's form gives pounds (and pence), e.g. "12.50". */
export class AgreeAmountFormDto extends FormBody {
  @FormPounds()
  @IsNotEmpty({ message: 'Enter the amount agreed' })
  @IsInt({ message: 'Enter the amount agreed in pounds, like 10 or 12.50' })
  @Min(0, { message: 'The amount cannot be negative' })
  @Max(10_000_000, { message: 'The amount must be £100,000 or less' })
  amount!: number;
}
