export { IsCalendarDate, isCalendarDate } from './calendar-date';
export { describeCodePoint, findUnsafeCharacter, IsSafeText, isSafeText, type SafeTextOptions } from './safe-text';
