import { describe, expect, it } from 'vitest';
import type { QueryAnswer } from '../reports';
import { anyRevenue, metricText, numberOf, revenue } from './revenue';

const meta = { time_range: { from: '2026-11-22', to: '2026-11-28' }, total_rows: 2 };

describe('revenue', () => {
  it('writes each amount in its currency, by currency code, and nothing for none', () => {
    expect(revenue({ EUR: 19.98, USD: 5 }, 'en-US')).toBe('€19.98 · $5.00');
    expect(revenue({ USD: 5, EUR: 19.98 }, 'en-US')).toBe('€19.98 · $5.00');
    expect(revenue({ JPY: 1200 }, 'en-US')).toBe('¥1,200');
    expect(revenue({ EUR: 12.5 }, 'de-DE')).toBe('12,50\u00a0€');
    expect(revenue({}, 'en-US')).toBe('');
  });

  it('writes numbers as asked and revenue per currency', () => {
    expect(metricText(1234, (n) => `${n} %`)).toBe('1234 %');
    expect(metricText({}, (n) => `${n} %`)).toBe('');
  });

  it('makes one number of revenue by adding its amounts, and leaves numbers as they are', () => {
    expect(numberOf(42)).toBe(42);
    expect(numberOf({ EUR: 10, USD: 5 })).toBe(15);
    expect(numberOf({})).toBe(0);
  });

  it('finds revenue only where a group has an amount in that metric', () => {
    const none: QueryAnswer = { results: [{ dimensions: ['page_view'], metrics: [12, {}] }, { dimensions: ['signup'], metrics: [1, {}] }], meta };
    const some: QueryAnswer = { results: [{ dimensions: ['page_view'], metrics: [12, {}] }, { dimensions: ['signup'], metrics: [1, { EUR: 12.5 }] }], meta };
    expect(anyRevenue(none, 1)).toBe(false);
    expect(anyRevenue(some, 1)).toBe(true);
    expect(anyRevenue(some, 0)).toBe(false);
    expect(anyRevenue(some, 2)).toBe(false);
    expect(anyRevenue({ results: [], meta: { ...meta, total_rows: 0 } }, 1)).toBe(false);
  });
});
