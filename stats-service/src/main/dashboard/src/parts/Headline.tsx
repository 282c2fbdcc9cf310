import type { QueryAnswer } from '../reports';
import { count } from '../logic/format';

const LABELS: Record<string, string> = { visitors: 'Visitors', pageviews: 'Page views', events: 'Events' };

/**
 * The period's totals, each with its change on the previous period when there is one. Visitors
 * shows a dash when the filter is one the API cannot count visitors under (a page, an event name).
 */
export function Headline({ totals, metrics }: { totals: QueryAnswer; metrics: string[] }) {
  const row = totals.results[0];
  return (
    <div className="figures">
      {Object.entries(LABELS).map(([metric, label]) => {
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
            <span className="value" data-figure={label}>{count(row.metrics[i])}</span>
            {row.comparison && (
              <span className="delta" data-change={label}
                title={`${count(row.comparison.metrics[i])} in ${totals.meta.comparison_time_range?.from} – ${totals.meta.comparison_time_range?.to}`}>
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
