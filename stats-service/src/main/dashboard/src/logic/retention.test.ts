import { describe, expect, it } from 'vitest';
import { cohortPeriod, heat, percentLabel, periodHeading, spanDays } from './retention';

describe('retention', () => {
  const today = '2026-11-28';

  it('counts the days of each date range as the API reads them', () => {
    expect(spanDays('day', today)).toBe(1);
    expect(spanDays('7d', today)).toBe(7);
    expect(spanDays('30d', today)).toBe(30);
    expect(spanDays('month', today)).toBe(28);
    expect(spanDays('year', today)).toBe(332);
    expect(spanDays('6mo', '2026-03-15')).toBe(31 + 30 + 31 + 31 + 28 + 15);
    expect(spanDays(['2026-11-27', '2026-11-27'], today)).toBe(1);
    expect(spanDays(['2026-10-25', '2026-11-07'], today)).toBe(14);
  });

  it('runs "all" from the site\'s first day, and counts it long when that is unknown', () => {
    expect(spanDays('all', today, '2026-11-20')).toBe(9);
    expect(spanDays('all', today, '2026-12-01')).toBe(1);
    expect(spanDays('all', today)).toBe(Infinity);
  });

  it('asks for weeks from two weeks on, else for days', () => {
    expect(cohortPeriod('7d', today)).toEqual({ period: 'day', periods: 7 });
    expect(cohortPeriod(['2026-11-15', '2026-11-27'], today)).toEqual({ period: 'day', periods: 7 });
    expect(cohortPeriod(['2026-11-14', '2026-11-27'], today)).toEqual({ period: 'week', periods: 8 });
    expect(cohortPeriod('30d', today)).toEqual({ period: 'week', periods: 8 });
    expect(cohortPeriod('month', '2026-11-03')).toEqual({ period: 'day', periods: 7 });
    expect(cohortPeriod('all', today, '2026-11-25')).toEqual({ period: 'day', periods: 7 });
  });

  it('heads columns by period', () => {
    expect(periodHeading('week', 0)).toBe('Week 0');
    expect(periodHeading('day', 3)).toBe('Day 3');
  });

  it('shades cells more as the percent grows, none for nothing or periods to come', () => {
    expect(heat(null)).toBe(0);
    expect(heat(0)).toBe(0);
    expect(heat(100)).toBe(55);
    expect(heat(25)).toBe(28);
    expect(heat(4)).toBeGreaterThan(0);
    expect(heat(10)).toBeLessThan(heat(20));
    expect(heat(250)).toBe(55);
  });

  it('writes percents whole from 10 on, with a tenth below', () => {
    expect(percentLabel(100)).toBe('100 %');
    expect(percentLabel(15.25)).toBe('15 %');
    expect(percentLabel(9.96)).toBe('10 %');
    expect(percentLabel(4.44)).toBe('4.4 %');
    expect(percentLabel(0)).toBe('0 %');
  });
});
