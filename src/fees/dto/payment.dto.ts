import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';
import { FormBody, FormInteger, TrimmedOrUndefined, FormPounds } from '../../common/dto/transforms';
import { CalendarDateInput, CheckedBy, FieldOrder, IsCalendarDate, IsSafeText } from '../../common/validation';
import { UNKNOWN_REFERENCE_MESSAGE } from '../fees.errors';
import { PaymentChecks } from '../payment-checks';
import { parseReference, REFERENCE_PATTERN } from '../payment-reference';
import { PAYMENT_METHODS, type PaymentMethod } from '../payment.entity';

export const MAX_PAYMENT_PENCE = 10_000_000;

/** A reference whose check character is right, however a bank spaced or cased it. */
const IsPaymentReference = () =>
  ValidateBy({
    name: 'isPaymentReference',
    validator: { validate: (value: unknown) => typeof value !== 'string' || parseReference(value) !== null, defaultMessage: () => UNKNOWN_REFERENCE_MESSAGE },
  });

/** The most any one payment or agreed amount can be: £100,000. */
const TOO_LARGE = 'The amount must be £100,000 or less';

/**
 * What every way of recording a payment asks for besides the amount. Whether
 * the reference names an invoice, and the date is not in the future, are
 * checked with these rules (`PaymentChecks`), so every problem comes at once.
 */
@CheckedBy(PaymentChecks)
class PaymentFields extends FormBody {
  @ApiProperty({
    example: 'PSOOL-2026-0042-K',
    pattern: REFERENCE_PATTERN,
    maxLength: 40,
    description: 'The invoice’s payment reference, check character included (spaces, hyphens and letter case as a bank passed them on are forgiven)',
  })
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the payment reference from the invoice' })
  @MaxLength(40, { message: 'The payment reference must be 40 characters or fewer' })
  @IsPaymentReference()
  reference!: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-03-14', description: 'The day the money arrived; not in the future' })
  @CalendarDateInput()
  @IsNotEmpty({ message: 'Enter the date the payment was received' })
  @IsCalendarDate({ label: 'The date received' })
  receivedOn!: string;

  @ApiProperty({ enum: PAYMENT_METHODS, enumName: 'PaymentMethod', example: 'bank_transfer' })
  @IsIn(PAYMENT_METHODS, { message: 'Choose how the payment was made' })
  method!: PaymentMethod;

  @ApiProperty({
    minLength: 1,
    maxLength: 140,
    example: 'FP 4417 2093',
    description: 'The bank’s reference for the transaction, or the cheque number. With the invoice, amount, date and method it identifies the payment: sending the same five again stores nothing new',
  })
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the bank’s reference for the transaction (or the cheque number)' })
  @MaxLength(140, { message: 'The bank reference must be 140 characters or fewer' })
  @IsSafeText({ label: 'Bank reference' })
  bankReference!: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'A note for the admins' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsString({ message: 'Enter the note as text' })
  @MaxLength(2000, { message: 'The note must be 2,000 characters or fewer' })
  @IsSafeText({ multiline: true, label: 'Note' })
  note?: string;
}

@FieldOrder('reference', 'amountPence')
export class RecordPaymentDto extends PaymentFields {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PAYMENT_PENCE, example: 2500, description: 'Integer pence, more than 0' })
  @FormInteger()
  @IsNotEmpty({ message: 'Enter the amount in pence' })
  @IsInt({ message: 'Enter the amount in pence as a whole number' })
  @Min(1, { message: 'The amount must be at least 1p' })
  @Max(MAX_PAYMENT_PENCE, { message: TOO_LARGE })
  amountPence!: number;
}

/** The page form: the amount typed in pounds ("25", "12.50", "£1,250"), asked second. */
@FieldOrder('reference', 'amount')
export class RecordPaymentFormDto extends PaymentFields {
  @FormPounds()
  @IsNotEmpty({ message: 'Enter the amount' })
  @IsInt({ message: 'Enter the amount in pounds, like 25 or 12.50' })
  @Min(1, { message: 'The amount must be at least 1p' })
  @Max(MAX_PAYMENT_PENCE, { message: TOO_LARGE })
  amount!: number;
}

export class ReversePaymentDto extends FormBody {
  @ApiProperty({ minLength: 3, maxLength: 2000, example: 'The cheque bounced', description: 'Why the payment is reversed' })
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter why the payment is reversed' })
  @MinLength(3, { message: 'The reason must be at least 3 characters' })
  @MaxLength(2000, { message: 'The reason must be 2,000 characters or fewer' })
  @IsSafeText({ multiline: true, label: 'Reason' })
  reason!: string;
}

export class AgreeInvoiceAmountDto extends FormBody {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_PAYMENT_PENCE, example: 1000, description: 'Integer pence agreed with the branch' })
  @FormInteger()
  @IsNotEmpty({ message: 'Enter the amount agreed, in pence' })
  @IsInt({ message: 'Enter the amount in pence as a whole number' })
  @Min(0, { message: 'The amount cannot be negative' })
  @Max(MAX_PAYMENT_PENCE, { message: TOO_LARGE })
  amountPence!: number;
}

export class AgreeInvoiceAmountFormDto extends FormBody {
  @FormPounds()
  @IsNotEmpty({ message: 'Enter the amount agreed' })
  @IsInt({ message: 'Enter the amount in pounds, like 10 or 12.50' })
  @Min(0, { message: 'The amount cannot be negative' })
  @Max(MAX_PAYMENT_PENCE, { message: TOO_LARGE })
  amount!: number;
}
