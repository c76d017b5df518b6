import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { FormBody, FormInteger, TrimmedOrUndefined, FormPounds } from '../../common/dto/transforms';
import { IsCalendarDate, IsSafeText } from '../../common/validation';
import { PAYMENT_METHODS, type PaymentMethod } from '../payment.entity';

export const MAX_PAYMENT_PENCE = 10_000_000;

/** What every way of recording a payment asks for besides the amount. */
class PaymentFields extends FormBody {
  @ApiProperty({ example: 'PSOOL-2026-0042-K', description: 'The invoice’s payment reference, check character included' })
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the payment reference from the invoice' })
  @MaxLength(40, { message: 'The payment reference is at most 40 characters' })
  reference!: string;

  @ApiProperty({ example: '2026-03-14' })
  @IsCalendarDate({ label: 'The date received' })
  receivedOn!: string;

  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS, { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` })
  method!: PaymentMethod;

  @ApiProperty({ description: 'The bank’s reference for the transaction, or the cheque number' })
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the bank’s reference for the transaction (or the cheque number)' })
  @Length(1, 140, { message: 'The bank reference is 1 to 140 characters' })
  @IsSafeText({ label: 'Bank reference' })
  bankReference!: string;

  @ApiPropertyOptional()
  @TrimmedOrUndefined()
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'The note is at most 2,000 characters' })
  @IsSafeText({ multiline: true, label: 'Note' })
  note?: string;
}

export class RecordPaymentDto extends PaymentFields {
  @ApiProperty({ description: 'Integer pence, more than 0' })
  @FormInteger()
  @IsInt({ message: 'Enter the amount in pence as a whole number' })
  @Min(1, { message: 'The amount must be at least 1p' })
  @Max(MAX_PAYMENT_PENCE, { message: 'The amount is too large' })
  amountPence!: number;
}

/** The page form: the amount typed in pounds ("25", "12.50", "£1,250"). */
export class RecordPaymentFormDto extends PaymentFields {
  @FormPounds()
  @IsInt({ message: 'Enter the amount in pounds, like 25 or 12.50' })
  @Min(1, { message: 'The amount must be at least 1p' })
  @Max(MAX_PAYMENT_PENCE, { message: 'The amount is too large' })
  amount!: number;
}

export class ReversePaymentDto extends FormBody {
  @ApiProperty({ description: 'Why the payment is reversed' })
  @TrimmedOrUndefined()
  @IsString({ message: 'Say why the payment is reversed' })
  @Length(3, 2000, { message: 'Say why the payment is reversed (3 to 2,000 characters)' })
  @IsSafeText({ multiline: true, label: 'Reason' })
  reason!: string;
}

export class AgreeInvoiceAmountDto extends FormBody {
  @ApiProperty({ description: 'Integer pence agreed with the branch' })
  @FormInteger()
  @IsInt({ message: 'Enter the amount in pence as a whole number' })
  @Min(0, { message: 'The amount cannot be negative' })
  @Max(MAX_PAYMENT_PENCE, { message: 'The amount is too large' })
  amountPence!: number;
}

export class AgreeInvoiceAmountFormDto extends FormBody {
  @FormPounds()
  @IsInt({ message: 'Enter the amount in pounds, like 10 or 12.50' })
  @Min(0, { message: 'The amount cannot be negative' })
  @Max(MAX_PAYMENT_PENCE, { message: 'The amount is too large' })
  amount!: number;
}
