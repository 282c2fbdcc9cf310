import type { QueryAnswer } from '../reports';
import { count } from '../logic/format';

const FIGURES = ['Visitors', 'Page views', 'Events'];

/** The period's totals, each with its change on the previous period when there is one. */
export function Headline({ totals }: { totals: QueryAnswer }) {
  const row = totals.results[0];
  return (
    <div className="figures">
      {FIGURES.map((label, i) => {
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
