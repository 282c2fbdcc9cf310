import { useMemo } from 'react';
import type { QueryAnswer } from '../reports';
import { everyDay } from '../logic/periods';
import { Chart } from './Chart';

/** Visitors and page views per day over the period, days without events at zero. */
export function Trend({ days }: { days: QueryAnswer }) {
  const { x, labels, series } = useMemo(() => {
    const { from, to } = days.meta.time_range;
    const visitors = new Map(days.results.map((r) => [r.dimensions[0], r.metrics[0]]));
    const pageviews = new Map(days.results.map((r) => [r.dimensions[0], r.metrics[1]]));
    const filledVisitors = everyDay(from, to, visitors);
    return {
      // Days are UTC days: indexes with day labels, so no local time zone shifts them.
      x: filledVisitors.map((_, i) => i),
      labels: filledVisitors.map((d) => dayLabel(d.day)),
      series: [
        { label: 'Visitors', values: filledVisitors.map((d) => d.value), color: '#4f6bed' },
        { label: 'Page views', values: everyDay(from, to, pageviews).map((d) => d.value), color: '#1a9e6e' },
      ],
    };
  }, [days]);
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
