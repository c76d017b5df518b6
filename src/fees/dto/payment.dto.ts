import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { FormBody, FormInteger, TrimmedOrUndefined, FormPounds } from '../../common/dto/transforms';
import { IsCalendarDate, IsSafeText } from '../../common/validation';
import { REFERENCE_PATTERN } from '../payment-reference';
import { PAYMENT_METHODS, type PaymentMethod } from '../payment.entity';

export const MAX_PAYMENT_PENCE = 10_000_000;

/** What every way of recording a payment asks for besides the amount. */
class PaymentFields extends FormBody {
  @ApiProperty({
    example: 'PSOOL-2026-0042-K',
    pattern: REFERENCE_PATTERN,
    maxLength: 40,
    description: 'The invoice’s payment reference, check character included (spaces, hyphens and letter case as a bank passed them on are forgiven)',
  })
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the payment reference from the invoice' })
  @MaxLength(40, { message: 'The payment reference is at most 40 characters' })
  reference!: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-03-14', description: 'The day the money arrived; not in the future' })
  @IsCalendarDate({ label: 'The date received' })
  receivedOn!: string;

  @ApiProperty({ enum: PAYMENT_METHODS, enumName: 'PaymentMethod', example: 'bank_transfer' })
  @IsIn(PAYMENT_METHODS, { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` })
  method!: PaymentMethod;

  @ApiProperty({
    minLength: 1,
    maxLength: 140,
    example: 'FP 4417 2093',
    description: 'The bank’s reference for the transaction, or the cheque number. With the invoice, amount, date and method it identifies the payment: sending the same five again stores nothing new',
  })
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the bank’s reference for the transaction (or the cheque number)' })
  @Length(1, 140, { message: 'The bank reference is 1 to 140 characters' })
  @IsSafeText({ label: 'Bank reference' })
  bankReference!: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'A note for the admins' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'The note is at most 2,000 characters' })
  @IsSafeText({ multiline: true, label: 'Note' })
  note?: string;
}

export class RecordPaymentDto extends PaymentFields {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PAYMENT_PENCE, example: 2500, description: 'Integer pence, more than 0' })
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
  @ApiProperty({ minLength: 3, maxLength: 2000, example: 'The cheque bounced', description: 'Why the payment is reversed' })
  @TrimmedOrUndefined()
  @IsString({ message: 'Say why the payment is reversed' })
  @Length(3, 2000, { message: 'Say why the payment is reversed (3 to 2,000 characters)' })
  @IsSafeText({ multiline: true, label: 'Reason' })
  reason!: string;
}

export class AgreeInvoiceAmountDto extends FormBody {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_PAYMENT_PENCE, example: 1000, description: 'Integer pence agreed with the branch' })
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
