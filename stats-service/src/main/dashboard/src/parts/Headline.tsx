import type { QueryAnswer } from '../reports';
import { count, seconds } from '../logic/format';
import { metricText } from '../logic/revenue';

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

/** The metrics the totals are asked for: the figures', in their order. */
export const HEADLINE_METRICS = FIGURES.map((f) => f.metric);

/** The period's totals (asked for HEADLINE_METRICS), each with its change on the previous period when there is one. */
export function Headline({ totals }: { totals: QueryAnswer }) {
  const row = totals.results[0];
  return (
    <div className="figures">
      {FIGURES.map(({ label, show }, i) => {
        const change = row.comparison?.change[i];
        return (
          <div className="card figure" key={label}>
            <span className="label">{label}</span>
            <span className="value" data-figure={label}>{metricText(row.metrics[i], show)}</span>
            {row.comparison && (
              <span className="delta" data-change={label}
                title={`${metricText(row.comparison.metrics[i], show)} in ${totals.meta.comparison_time_range?.from} – ${totals.meta.comparison_time_range?.to}`}>
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
