import type { QueryAnswer } from '../reports';
import { count, seconds } from '../logic/format';

/** The headline figures in the order shown, with how each reads. */
const FIGURES: { metric: string; label: string; show: (n: number) => string }[] = [
  { metric: 'visitors', label: 'Visitors', show: count },
  { metric: 'visits', label: 'Visits', show: count },
  { metric: 'pageviews', label: 'Page views', show: count },
  { metric: 'views_per_visit', label: 'Views per visit', show: (n) => n.toFixed(2) },
  { metric: 'bounce_rate', label: 'Bounce rate', show: (n) => `${n} %` },
  { metric: 'visit_duration', label: 'Visit duration', show: seconds },
  { metric: 'events', label: 'Events', show: count },
];

/**
 * The period's totals, each with its change on the previous period when there is one. A figure
 * shows a dash when the filter is one the API cannot count it under (visitors and visits of a
 * page or an event name).
 */
export function Headline({ totals, metrics }: { totals: QueryAnswer; metrics: string[] }) {
  const row = totals.results[0];
  return (
    <div className="figures">
      {FIGURES.map(({ metric, label, show }) => {
        const i = metrics.indexOf(metric);
        if (i < 0) {
          return (
            <div className="card figure" key={label}>
              <span className="label">{label}</span>
              <span className="value" data-figure={label}>–</span>
              <span className="delta">not counted under this filter yet</span>
            </div>
          );
        }
        const change = row.comparison?.change[i];
        return (
          <div className="card figure" key={label}>
            <span className="label">{label}</span>
            <span className="value" data-figure={label}>{show(row.metrics[i])}</span>
            {row.comparison && (
              <span className="delta" data-change={label}
                title={`${show(row.comparison.metrics[i])} in ${totals.meta.comparison_time_range?.from} – ${totals.meta.comparison_time_range?.to}`}>
                {change === null || change === undefined ? 'nothing in the period before'
                  : `${change > 0 ? '+' : change < 0 ? '−' : ''}${Math.abs(change)} % on the period before`}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
