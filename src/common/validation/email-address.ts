import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, MaxLength, ValidateBy, type ValidationArguments } from 'class-validator';
import { findInvisibleCharacter } from '../text/lookalikes';
import { describeCodePoint, findUnsafeCharacter } from './safe-text';

/**
 * The one form an address is stored and compared in: trimmed, canonically
 * composed (NFC: "é" typed as e + U+0301 is the same address as "é") and
 * lower-cased (mail systems treat the local part case-insensitively in
 * practice). Not NFKC: compatibility folding could turn an address into a
 * different mailbox; invisible characters are refused instead (below).
 */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase().normalize('NFC');
}

/** Another person's address, shown to someone it is not theirs: "jo@example.org" → "j***@example.org". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${[...email.slice(0, at)][0]}***${email.slice(at)}`;
}

/** The first character an address may not hold: invisible (zero-width, bidi, soft hyphen, …) or a control. */
export function findHiddenEmailCharacter(value: string): string | undefined {
  return findInvisibleCharacter(value) ?? findUnsafeCharacter(value);
}

const NoHiddenCharacters = (label: string) =>
  ValidateBy({
    name: 'noHiddenCharacters',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || findHiddenEmailCharacter(value) === undefined,
      defaultMessage: (args?: ValidationArguments) => {
        const char = typeof args?.value === 'string' ? findHiddenEmailCharacter(args.value) : undefined;
        return `${label} contains a hidden character (${describeCodePoint(char ?? '\u0000')}) that cannot be used: please retype it`;
      },
    },
  });

/**
 * Every email address field: trimmed, given (`missing` says so when it is
 * not), a valid address of at most 254 characters, with no invisible or
 * control character (which would let two addresses look the same, or hide
 * part of one).
 */
export const IsEmailAddress = (options: { label?: string; invalid?: string; missing?: string } = {}) =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsNotEmpty({ message: options.missing ?? 'Enter your email address' }),
    IsEmail({}, { message: options.invalid ?? 'Enter an email address like name@example.org' }),
    MaxLength(254, { message: `${options.label ?? 'Email address'} must be 254 characters or fewer` }),
    NoHiddenCharacters(options.label ?? 'Email address'),
  );
