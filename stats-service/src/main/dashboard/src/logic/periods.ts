// The periods the dashboard offers, as /api/v2/query date ranges, and the days they cover.
import { addDays } from './days';

export type PeriodId = 'day' | 'yesterday' | '7d' | '30d' | 'month' | 'year' | 'all' | 'custom';

export interface Period {
  id: PeriodId;
  /** For custom: the first and last UTC day. */
  from?: string;
  to?: string;
}

export const PERIODS: { id: Exclude<PeriodId, 'custom'>; label: string }[] = [
  { id: 'day', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
  { id: 'month', label: 'Month' },
  { id: 'year', label: 'Year' },
  { id: 'all', label: 'All time' },
];

/** The date_range of a query for a period. */
export function dateRange(period: Period, today: string): string | [string, string] {
  switch (period.id) {
    case 'yesterday':
      return [addDays(today, -1), addDays(today, -1)];
    case 'custom':
      return [period.from ?? today, period.to ?? today];
    default:
      return period.id;
  }
}

export function periodName(period: Period): string {
  if (period.id === 'custom') {
    return `${period.from} to ${period.to}`;
  }
  return PERIODS.find((p) => p.id === period.id)!.label;
}

/** A period as the address writes it: "7d", or "2026-11-01..2026-11-28" for custom days. */
export function periodToParam(period: Period): string {
  return period.id === 'custom' ? `${period.from}..${period.to}` : period.id;
}

export function periodFromParam(param: string | null): Period {
  const custom = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(param ?? '');
  if (custom && custom[1] <= custom[2]) {
    return { id: 'custom', from: custom[1], to: custom[2] };
  }
  return PERIODS.some((p) => p.id === param) ? { id: param as PeriodId } : { id: '7d' };
}

/** Whether a period is a single day, which the dashboard charts by hour. */
export function isOneDay(period: Period): boolean {
  return period.id === 'day' || period.id === 'yesterday' || (period.id === 'custom' && period.from === period.to);
}

/** The 24 hours of a day as the API names them ("2026-11-28 13:00:00"), each with its value, 0 where there is no row. */
export function everyHour(day: string, rows: Map<string, number>): { hour: string; value: number }[] {
  return Array.from({ length: 24 }, (_, h) => {
    const hour = `${day} ${String(h).padStart(2, '0')}:00:00`;
    return { hour, value: rows.get(hour) ?? 0 };
  });
}

/** Every day from..to with its value, 0 where the API returned no row (a day without events). */
export function everyDay(from: string, to: string, rows: Map<string, number>): { day: string; value: number }[] {
  const days: { day: string; value: number }[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    days.push({ day, value: rows.get(day) ?? 0 });
  }
  return days;
}
