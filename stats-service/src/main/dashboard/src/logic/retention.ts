// How the retention panel asks for cohorts and shades them.
import { utcDay } from './days';

/** From how many days a period is long enough for weekly cohorts: two weeks give two of them. */
const WEEKS_FROM_DAYS = 14;

/** The days between two UTC days, both included. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The first day of the month `back` months before today's. */
function monthStart(today: string, back: number): string {
  const date = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - back);
  return utcDay(date);
}

/**
 * How many days a date_range covers, as the API reads it (today included). "all" runs from the
 * site's first day; without it, it counts as long, which a site's whole history usually is.
 */
export function spanDays(range: string | [string, string], today: string, firstDay?: string): number {
  if (Array.isArray(range)) {
    return daysBetween(range[0], range[1]);
  }
  const lastDays = /^(\d+)d$/.exec(range);
  if (lastDays) {
    return Number(lastDays[1]);
  }
  switch (range) {
    case 'day':
      return 1;
    case 'month':
      return daysBetween(monthStart(today, 0), today);
    case '6mo':
      return daysBetween(monthStart(today, 5), today);
    case '12mo':
      return daysBetween(monthStart(today, 11), today);
    case 'year':
      return daysBetween(`${today.slice(0, 4)}-01-01`, today);
    default: // "all"
      return firstDay ? Math.max(1, daysBetween(firstDay, today)) : Infinity;
  }
}

/** Weekly cohorts, followed for 8 weeks, once a period holds two weeks; else daily ones for a week. */
export function cohortPeriod(range: string | [string, string], today: string, firstDay?: string): { period: 'day' | 'week'; periods: number } {
  return spanDays(range, today, firstDay) >= WEEKS_FROM_DAYS ? { period: 'week', periods: 8 } : { period: 'day', periods: 7 };
}

/** A column's heading: "Week 0" is the cohort's own week. */
export function periodHeading(period: string, k: number): string {
  return `${period.charAt(0).toUpperCase()}${period.slice(1)} ${k}`;
}

/** The most of the accent a cell takes, so its text stays readable in light and dark. */
const DARKEST = 55;

/**
 * How much accent colour a cell takes for its percent, 0 for none. On a square-root scale: returns
 * after the first period are mostly a few percent, which a straight scale would leave all but white.
 */
export function heat(percent: number | null): number {
  if (percent === null || !(percent > 0)) {
    return 0;
  }
  return Math.round(DARKEST * Math.sqrt(Math.min(percent, 100) / 100));
}

/** A cell's percent: whole above 10, where a tenth says nothing; with its tenth below, where it tells 0.4 from 0. */
export function percentLabel(percent: number): string {
  return `${percent >= 10 ? Math.round(percent) : Math.round(percent * 10) / 10} %`;
}
