export { IsCalendarDate, isCalendarDate } from './calendar-date';
export { findHiddenEmailCharacter, IsEmailAddress, normaliseEmail } from './email-address';
export { describeCodePoint, findUnsafeCharacter, IsSafeText, isSafeText, type SafeTextOptions } from './safe-text';
