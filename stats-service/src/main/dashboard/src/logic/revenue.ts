// Revenue as the API answers it, amounts per currency, and as people read it.
import type { MetricValue, QueryAnswer, Revenue } from '../reports';

export function isRevenue(value: MetricValue): value is Revenue {
  return typeof value === 'object';
}

/**
 * A metric as one number, for what must have one (a bar, a chart): revenue is the sum of its
 * amounts, as the API orders groups by it. No figure shows that sum, as it adds up currencies.
 */
export function numberOf(value: MetricValue): number {
  return isRevenue(value) ? Object.values(value).reduce((sum, amount) => sum + amount, 0) : value;
}

/**
 * Each amount in its currency's format, joined: "€19.98 · $5.00", or "" for none. Sorted by
 * currency code, so a row reads the same whatever order the keys came in. The locale is the
 * reader's unless given.
 */
export function revenue(amounts: Revenue, locale?: string): string {
  return Object.keys(amounts).sort()
    .map((currency) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amounts[currency]))
    .join(' · ');
}

/** A metric's value as people read it: a number as `show` writes it, revenue per currency. */
export function metricText(value: MetricValue, show: (n: number) => string): string {
  return isRevenue(value) ? revenue(value) : show(value);
}

/** Whether any group has revenue in the metric at `index`: a list shows a revenue column only then. */
export function anyRevenue(answer: QueryAnswer, index: number): boolean {
  return answer.results.some((row) => {
    const value = row.metrics[index];
    return value !== undefined && isRevenue(value) && Object.keys(value).length > 0;
  });
}
