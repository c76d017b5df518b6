import { Injectable } from '@nestjs/common';

/**
 * The time, behind a small service so rules that depend on it (due dates,
 * lapsing, renewals) can be tested by setting "now" instead of waiting.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** Today's calendar date in the UK, "YYYY-MM-DD". */
  today(): string {
    return londonDate(this.now());
  }
}

const LONDON = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' });

/** The UK calendar date of an instant, "YYYY-MM-DD". */
export function londonDate(at: Date): string {
  return LONDON.format(at);
}

/** A calendar date `days` later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
