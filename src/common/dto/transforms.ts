import { Transform } from 'class-transformer';
import { IsOptional, IsString } from 'class-validator';
import { parsePounds } from '../money';

/** Trims text; an empty field counts as not given, so optional fields may be left blank in a form. */
export const TrimmedOrUndefined = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  });

/** JSON booleans as they are; a form's "true"/"false"/"yes"/"no"/"on" as booleans. */
export const FormBoolean = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'yes' || value === 'on') return true;
    if (value === 'false' || value === 'no') return false;
    return value;
  });

/** A form's number field arrives as text. */
export const FormInteger = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const t = value.trim().replace(/,/g, '');
    return /^-?\d+$/.test(t) ? Number(t) : t === '' ? undefined : value;
  });

/**
 * Server-rendered forms post their CSRF token as `_csrf`; the CSRF middleware
 * has checked it by the time the body is validated, so it is allowed and ignored.
 */
export class FormBody {
  @IsOptional()
  @IsString()
  _csrf?: string;
}

/** A form's amount in pounds ("12.50", "£1,250") as integer pence; anything else is left for the validators to refuse. */
export const FormPounds = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (parsePounds(value) ?? value) : value));
