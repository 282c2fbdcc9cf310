import { useMemo } from 'react';
import type { QueryAnswer } from '../reports';
import { everyDay, everyHour } from '../logic/periods';
import { numberOf } from '../logic/revenue';
import { Chart } from './Chart';

const SERIES = [
  { metric: 'visitors', label: 'Visitors', color: '#4f6bed' },
  { metric: 'pageviews', label: 'Page views', color: '#1a9e6e' },
];

/**
 * Visitors and page views per day over the period, or per hour when the period is one day; days
 * and hours without events at zero.
 */
export function Trend({ days, metrics }: { days: QueryAnswer; metrics: string[] }) {
  const { from, to } = days.meta.time_range;
  const hourly = from === to;
  const { x, labels, series } = useMemo(() => {
    const buckets = (values: Map<string, number>) => (hourly
      ? everyHour(from, values).map((h) => ({ key: h.hour, value: h.value }))
      : everyDay(from, to, values).map((d) => ({ key: d.day, value: d.value })));
    const series = SERIES.filter((s) => metrics.includes(s.metric)).map((s) => {
      const index = metrics.indexOf(s.metric);
      const values = new Map(days.results.map((r) => [r.dimensions[0], numberOf(r.metrics[index])]));
      return { label: s.label, values: buckets(values).map((b) => b.value), color: s.color };
    });
    const all = buckets(new Map());
    // The site's days and hours as the API names them: indexes with labels, so no local time zone shifts them.
    return { x: all.map((_, i) => i), labels: all.map((b) => (hourly ? b.key.slice(11, 16) : dayLabel(b.key))), series };
  }, [days, metrics, from, to, hourly]);
  const unit = hourly ? 'hour' : 'day';
  return (
    <div className="card">
      <h3>Per {unit}</h3>
      <Chart title={`Visitors and page views per ${unit}`} x={x} xLabels={labels} xName={hourly ? 'Hour' : 'Day'} series={series} />
    </div>
  );
}

function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}
