import type { ReactNode } from 'react';
import type { QueryAnswer } from '../reports';
import type { Selection } from '../logic/filters';
import { count } from '../logic/format';
import { metricText, numberOf } from '../logic/revenue';

interface RankedProps {
  title: string;
  /** The API dimension the rows are values of; clicking a row adds a filter on it. */
  dimension: string;
  answer: QueryAnswer;
  /** The dimension's heading, then one per metric shown: a metric past them is left out (revenue no row has). */
  columns: string[];
  empty: string;
  label?: (value: string) => string;
  /** How each metric column reads, where not as a count. */
  formats?: (((n: number) => string) | undefined)[];
  onSelect: (selection: Selection) => void;
  /** Shown under the title: what picks the list, for a panel that offers a choice. */
  children?: ReactNode;
}

/** A ranked list of groups: each row's bar shows its first metric against the first row's; a click adds a filter on it. */
export function Ranked({ title, dimension, answer, columns, empty, label = (value) => value, formats = [], onSelect, children }: RankedProps) {
  const top = numberOf(answer.results[0]?.metrics[0] ?? 0) || 1;
  return (
    <div className="card" aria-label={title} role="region">
      <h3>{title}</h3>
      {children}
      {answer.results.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="ranked">
          <thead>
            <tr>{columns.map((c, i) => <th key={c} scope="col" className={i > 0 ? 'num' : undefined}>{c}</th>)}</tr>
          </thead>
          <tbody>
            {answer.results.map((row) => (
              <tr key={row.dimensions[0]}>
                <td>
                  <span className="bar" style={{ width: `${(100 * numberOf(row.metrics[0])) / top}%` }} />
                  <button type="button" className="name row-filter" title={`Only ${row.dimensions[0]}`}
                    onClick={() => onSelect({ dimension, value: row.dimensions[0] })}>{label(row.dimensions[0])}</button>
                </td>
                {row.metrics.slice(0, columns.length - 1).map((value, i) => <td key={i} className="num">{metricText(value, formats[i] ?? count)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(answer.meta.total_rows ?? 0) > answer.results.length && (
        <p className="muted">{answer.results.length} of {count(answer.meta.total_rows ?? 0)}</p>
      )}
    </div>
  );
}
