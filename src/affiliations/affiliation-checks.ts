import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { FieldErrors } from '../common/errors/domain-error';
import { DATE_EXAMPLE, isCalendarDate, type FieldChecks } from '../common/validation';

/** A motion passed longer ago than this no longer speaks for the branch. */
const MOTION_MAX_AGE_DAYS = 2 * 366;

/** What is wrong with the date a motion was passed ("YYYY-MM-DD"), seen at `now`; undefined when nothing is. */
export function motionDateProblem(value: string, now: Date): string | undefined {
  if (!isCalendarDate(value)) return `The date the motion was passed must be a real date, like ${DATE_EXAMPLE}`;
  const ageDays = (now.getTime() - new Date(`${value}T12:00:00Z`).getTime()) / 86_400_000;
  // A day's grace either way: "today" in the UK may already be tomorrow in UTC.
  if (ageDays < -1) return 'The date the motion was passed cannot be in the future';
  if (ageDays > MOTION_MAX_AGE_DAYS) return 'The motion must have been passed in the last two years';
  return undefined;
}

/** The affiliation form's rule that needs the clock, run with its DTO's rules (see `CheckedBy`); the service enforces it again. */
@Injectable()
export class AffiliationChecks implements FieldChecks<{ motionPassedOn: string }> {
  constructor(private readonly clock: Clock) {}

  async check(dto: { motionPassedOn: string }, passed: (field: string) => boolean): Promise<FieldErrors> {
    const problem = passed('motionPassedOn') ? motionDateProblem(dto.motionPassedOn, this.clock.now()) : undefined;
    return problem ? { motionPassedOn: [problem] } : {};
  }
}
