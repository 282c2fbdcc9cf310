import { useMemo } from 'react';
import type { QueryAnswer } from '../reports';
import { everyDay } from '../logic/periods';
import { Chart } from './Chart';

const SERIES = [
  { metric: 'visitors', label: 'Visitors', color: '#4f6bed' },
  { metric: 'pageviews', label: 'Page views', color: '#1a9e6e' },
];

/** Visitors (when counted) and page views per day over the period, days without events at zero. */
export function Trend({ days, metrics }: { days: QueryAnswer; metrics: string[] }) {
  const { x, labels, series } = useMemo(() => {
    const { from, to } = days.meta.time_range;
    const series = SERIES.filter((s) => metrics.includes(s.metric)).map((s) => {
      const index = metrics.indexOf(s.metric);
      const values = new Map(days.results.map((r) => [r.dimensions[0], r.metrics[index]]));
      return { label: s.label, values: everyDay(from, to, values).map((d) => d.value), color: s.color };
    });
    const allDays = everyDay(from, to, new Map());
    // Days are UTC days: indexes with day labels, so no local time zone shifts them.
    return { x: allDays.map((_, i) => i), labels: allDays.map((d) => dayLabel(d.day)), series };
  }, [days, metrics]);
  return (
    <div className="card">
      <h3>Per day</h3>
      <Chart title="Visitors and page views per day" x={x} xLabels={labels} xName="Day" series={series} />
    </div>
  );
}

function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}
