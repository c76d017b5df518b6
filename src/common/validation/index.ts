export { CalendarDateInput, DATE_EXAMPLE, formatUkDate, IsCalendarDate, isCalendarDate, parseCalendarDate } from './calendar-date';
export { CheckedBy, type FieldChecks } from './field-checks';
export { FieldOrder } from './field-order';
export { findHiddenEmailCharacter, IsEmailAddress, normaliseEmail } from './email-address';
export { describeCodePoint, findUnsafeCharacter, IsSafeText, isSafeText, type SafeTextOptions } from './safe-text';
export { TextField, type TextFieldOptions } from './text-field';
