import { describe, expect, it } from 'vitest';
import { dateRange, everyDay, everyHour, isOneDay, periodFromParam, periodName, periodToParam } from './periods';

describe('periods', () => {
  const today = '2026-11-28';

  it('asks the API for named ranges by name, and for yesterday and custom periods by their days', () => {
    expect(dateRange({ id: '7d' }, today)).toBe('7d');
    expect(dateRange({ id: 'all' }, today)).toBe('all');
    expect(dateRange({ id: 'yesterday' }, today)).toEqual(['2026-11-27', '2026-11-27']);
    expect(dateRange({ id: 'custom', from: '2026-11-01', to: '2026-11-03' }, today)).toEqual(['2026-11-01', '2026-11-03']);
  });

  it('round-trips periods through the address, and falls back to 7 days on nonsense', () => {
    for (const period of [{ id: '30d' as const }, { id: 'custom' as const, from: '2026-10-01', to: '2026-10-31' }]) {
      expect(periodFromParam(periodToParam(period))).toEqual(period);
    }
    expect(periodFromParam('fortnight')).toEqual({ id: '7d' });
    expect(periodFromParam('2026-11-02..2026-11-01')).toEqual({ id: '7d' });
    expect(periodFromParam(null)).toEqual({ id: '7d' });
  });

  it('names periods as the picker does', () => {
    expect(periodName({ id: 'day' })).toBe('Today');
    expect(periodName({ id: 'custom', from: '2026-11-01', to: '2026-11-03' })).toBe('2026-11-01 to 2026-11-03');
  });

  it('fills the days without events with zeros, across a month end', () => {
    const rows = new Map([['2026-11-30', 4], ['2026-12-02', 1]]);
    expect(everyDay('2026-11-29', '2026-12-02', rows)).toEqual([
      { day: '2026-11-29', value: 0 }, { day: '2026-11-30', value: 4 },
      { day: '2026-12-01', value: 0 }, { day: '2026-12-02', value: 1 },
    ]);
  });
});

describe('hours of one day', () => {
  it('charts today, yesterday and a one-day custom range by hour', () => {
    expect(isOneDay({ id: 'day' })).toBe(true);
    expect(isOneDay({ id: 'yesterday' })).toBe(true);
    expect(isOneDay({ id: 'custom', from: '2026-11-01', to: '2026-11-01' })).toBe(true);
    expect(isOneDay({ id: 'custom', from: '2026-11-01', to: '2026-11-02' })).toBe(false);
    expect(isOneDay({ id: '7d' })).toBe(false);
  });

  it('gives every hour of the day, zero where the API had no row', () => {
    const hours = everyHour('2026-11-28', new Map([['2026-11-28 13:00:00', 5]]));
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual({ hour: '2026-11-28 00:00:00', value: 0 });
    expect(hours[13]).toEqual({ hour: '2026-11-28 13:00:00', value: 5 });
  });
});
