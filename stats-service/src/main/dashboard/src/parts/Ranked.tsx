import type { QueryAnswer } from '../reports';
import { count } from '../logic/format';

/** A ranked list of groups: each row's bar shows its first metric against the first row's. */
export function Ranked({ title, answer, columns, empty, label = (value) => value }: {
  title: string; answer: QueryAnswer; columns: string[]; empty: string; label?: (value: string) => string;
}) {
  const top = answer.results[0]?.metrics[0] || 1;
  return (
    <div className="card" aria-label={title} role="region">
      <h3>{title}</h3>
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
                <td><span className="bar" style={{ width: `${(100 * row.metrics[0]) / top}%` }} /><span className="name">{label(row.dimensions[0])}</span></td>
                {row.metrics.map((value, i) => <td key={i} className="num">{count(value)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {answer.meta.total_rows > answer.results.length && (
        <p className="muted">{answer.results.length} of {count(answer.meta.total_rows)}</p>
      )}
    </div>
  );
}
