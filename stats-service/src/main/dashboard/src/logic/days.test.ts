import { describe, expect, it } from 'vitest';
import { addDays, utcDay } from './days';

describe('days', () => {
  it('names the UTC day of an instant, whatever the local zone', () => {
    expect(utcDay(new Date('2026-11-28T23:59:59-05:00'))).toBe('2026-11-29');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

});
