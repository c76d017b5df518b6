import { applyDecorators } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { TrimmedOrUndefined } from '../dto/transforms';
import { IsSafeText } from './safe-text';

export interface TextFieldOptions {
  /** Makes the field required, with this message when it is missing or empty; otherwise it is optional. */
  missing?: string;
  /** Line breaks allowed (a message, an address). */
  multiline?: boolean;
}

/**
 * A field a person types: trimmed (blank counts as not given), a string,
 * at most `max` characters ("Town must be 80 characters or fewer",
 * "… 2,000 characters …"), and no control or bidi characters, each refused
 * with one message that names the field.
 */
export const TextField = (label: string, max: number, options: TextFieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    TrimmedOrUndefined(),
    ...(options.missing ? [] : [IsOptional()]),
    IsString({ message: options.missing ?? `Enter ${label.toLowerCase()}` }),
    MaxLength(max, { message: `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` }),
    IsSafeText({ label, multiline: options.multiline }),
  );
