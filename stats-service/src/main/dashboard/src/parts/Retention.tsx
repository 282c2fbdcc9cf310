import { useMemo } from 'react';
import { retention } from '../reports';
import { count } from '../logic/format';
import { cohortPeriod, heat, percentLabel, periodHeading } from '../logic/retention';
import { useRead } from './useRead';

interface Props {
  secret: string;
  site: string;
  /** The API date_range; memoized, since a new array reads again. */
  dateRange: string | [string, string];
  /** Today's UTC day and the site's first, to tell how long the period is. */
  today: string;
  firstDay?: string;
  /** Whether the dashboard filters: retention cannot, and says so. */
  filtered: boolean;
  refreshes: number;
  onUnauthorized: () => void;
}

/** Cohorts of the visitors first seen in each day or week of the period, and the share of each that came back after. */
export function Retention({ secret, site, dateRange, today, firstDay, filtered, refreshes, onUnauthorized }: Props) {
  const { period, periods } = cohortPeriod(dateRange, today, firstDay);
  const read = useMemo(() => () => retention(secret, { site_id: site, date_range: dateRange, period, periods }),
    [secret, site, dateRange, period, periods, refreshes]);
  const { data, error, loading } = useRead(read, onUnauthorized);

  // The columns are the periods the answer followed, the cohort's own (0) included.
  const columns = data ? Array.from({ length: data.meta.periods + 1 }, (_, k) => k) : [];
  return (
    <div className={`card${loading ? ' stale' : ''}`} role="region" aria-label="Retention" aria-busy={loading}>
      <h3>Retention</h3>
      <p className="muted">
        Visitors first seen in each {period} of these dates (a cohort, named by its first day), and the percent of them back in each {period} after.
        Anonymous visitors get a new id each day, so returns after the first day count visitors identified by user_id.
      </p>
      {filtered && <p className="muted">Retention counts every visitor: the API does not filter it.</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {data && (data.cohorts.length === 0 ? (
        <p className="muted">No visitors were first seen in this period.</p>
      ) : (
        <div className="scroll">
          <table className="heat">
            <thead>
              <tr>
                <th scope="col">Cohort</th>
                <th scope="col" className="num">Visitors</th>
                {columns.map((k) => <th key={k} scope="col" className="num">{periodHeading(data.meta.period, k)}</th>)}
              </tr>
            </thead>
            <tbody>
              {data.cohorts.map((c) => (
                <tr key={c.cohort}>
                  <th scope="row">{c.cohort}</th>
                  <td className="num">{count(c.visitors)}</td>
                  {columns.map((k) => {
                    // Null (or missing) for a period still to come: left empty, not shown as 0.
                    const percent = c.retention[k] ?? null;
                    return percent === null ? <td key={k} /> : (
                      <td key={k} className="num" title={`${count(c.returning[k] ?? 0)} of ${count(c.visitors)} visitors`}
                        style={{ background: `color-mix(in srgb, var(--accent) ${heat(percent)}%, transparent)` }}>
                        {percentLabel(percent)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
