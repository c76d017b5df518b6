import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

export interface SafeTextOptions {
  /** Allow line breaks (\n, \r\n), e.g. for a postal address. Tabs and other controls stay refused. */
  multiline?: boolean;
  /** How the default message names the field, e.g. "Branch name"; the property name otherwise. */
  label?: string;
}

/**
 * Characters a name or other free text may not hold, and why. They are
 * invisible or ambiguous on screen, or break the XML of a Word document:
 * - C0 and C1 control characters (and DEL);
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
 *   which make text display in a different order than it is stored;
 * - line and paragraph separators (U+2028, U+2029);
 * - noncharacters (U+FDD0–U+FDEF and the last two code points of every plane,
 *   e.g. U+FFFE and U+FFFF);
 * - lone surrogates, which are not characters at all;
 * - U+FFFD, the replacement character, which only appears when the browser or
 *   a copy-paste mangled the input: refusing it lets the person retype it.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufdd0-\ufdef\ufffd\ufffe\uffff]|[\ud800-\udfff]|[\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{3fffe}\u{3ffff}\u{4fffe}\u{4ffff}\u{5fffe}\u{5ffff}\u{6fffe}\u{6ffff}\u{7fffe}\u{7ffff}\u{8fffe}\u{8ffff}\u{9fffe}\u{9ffff}\u{afffe}\u{affff}\u{bfffe}\u{bffff}\u{cfffe}\u{cffff}\u{dfffe}\u{dffff}\u{efffe}\u{effff}\u{ffffe}\u{fffff}\u{10fffe}\u{10ffff}]/u;
const UNSAFE_MULTILINE = new RegExp(UNSAFE.source.replace('\\u0000-\\u001f', '\\u0000-\\u0009\\u000b\\u000c\\u000e-\\u001f'), 'u');
/** A carriage return is only allowed as part of a CRLF line break. */
const LONE_CR = /\r(?!\n)/;

/** The first character `value` may not hold, or undefined when it is safe. */
export function findUnsafeCharacter(value: string, options: SafeTextOptions = {}): string | undefined {
  if (options.multiline && LONE_CR.test(value)) return '\r';
  return (options.multiline ? UNSAFE_MULTILINE : UNSAFE).exec(value)?.[0];
}

export function isSafeText(value: unknown, options: SafeTextOptions = {}): boolean {
  return typeof value === 'string' && findUnsafeCharacter(value, options) === undefined;
}

/** "U+202E" for one character (or lone surrogate). */
export function describeCodePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Refuses text holding control characters, bidi overrides or isolates,
 * noncharacters, lone surrogates or the replacement character. Use it on every
 * name and free-text field that may be shown to others or put into a document.
 *
 * The default message names the field and the offending code point, e.g.
 * "Branch name contains a hidden or control character (U+202E) …".
 */
export function IsSafeText(options: SafeTextOptions = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return (object: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isSafeText',
      target: object.constructor,
      propertyName: String(propertyName),
      options: validationOptions,
      validator: {
        // Whether it is a string at all is @IsString's to say, with its own message.
        validate: (value: unknown) => typeof value !== 'string' || isSafeText(value, options),
        defaultMessage: (args?: ValidationArguments) => {
          const char = typeof args?.value === 'string' ? findUnsafeCharacter(args.value, options) : undefined;
          const label = options.label ?? args?.property ?? 'This field';
          if (char === undefined) return `${label} contains a character that cannot be used`;
          return `${label} contains a hidden or control character (${describeCodePoint(char)}) that cannot be used: please retype it`;
        },
      },
    });
  };
}
