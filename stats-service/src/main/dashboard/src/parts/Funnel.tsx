import { useId, useMemo, useState, type FormEvent } from 'react';
import { funnel, type FunnelStep } from '../reports';
import { selectionLabel, type Selection } from '../logic/filters';
import { count } from '../logic/format';
import { funnelFilters, parseSteps, share, WINDOWS } from '../logic/funnel';
import { useRead } from './useRead';

interface Props {
  secret: string;
  site: string;
  /** The API date_range; memoized, since a new array reads again. */
  dateRange: string | [string, string];
  selections: Selection[];
  refreshes: number;
  onUnauthorized: () => void;
}

/** The funnel last asked for: it is counted again as the period, site, filters or data change. */
interface Asked {
  steps: FunnelStep[];
  window: string;
}

/**
 * How many visitors took steps typed one per line, in order within a window, and where they dropped
 * off. Nothing is counted until the steps are first shown: a funnel reads raw events, which costs.
 */
export function Funnel({ secret, site, dateRange, selections, refreshes, onUnauthorized }: Props) {
  const [text, setText] = useState('');
  const [within, setWithin] = useState('1h');
  const [asked, setAsked] = useState<Asked | null>(null);
  const [stepsError, setStepsError] = useState<string | null>(null);
  const help = useId();

  const { filters, ignored } = useMemo(() => funnelFilters(selections), [selections]);
  const read = useMemo(() => (asked === null ? null : () => funnel(secret, {
    site_id: site, date_range: dateRange, window: asked.window, steps: asked.steps,
    ...(filters.length > 0 ? { filters } : {}),
  })), [secret, site, dateRange, asked, filters, refreshes]);
  const { data, error, loading } = useRead(read, onUnauthorized);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseSteps(text);
    if ('error' in parsed) {
      setStepsError(parsed.error);
      return;
    }
    setStepsError(null);
    setAsked({ steps: parsed.steps, window: within });
  };

  const first = data?.steps[0]?.visitors ?? 0;
  return (
    <div className={`card${loading ? ' stale' : ''}`} role="region" aria-label="Funnel" aria-busy={loading}>
      <h3>Funnel</h3>
      <form className="event-form" onSubmit={submit}>
        <label className="wide">Steps, one per line
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={5} placeholder={'/\n/pricing\nsignup'}
            aria-describedby={help} spellCheck={false} />
        </label>
        <label>Window
          <select aria-label="Window" value={within} onChange={(e) => setWithin(e.target.value)}>
            {WINDOWS.map((w) => <option key={w.id} value={w.id}>{w.label}</option>)}
          </select>
        </label>
        <button type="submit" disabled={loading}>{loading ? 'Counting…' : 'Show funnel'}</button>
      </form>
      <p className="muted" id={help}>2 to 8 steps: a line starting with / is a page (* matches any characters), any other an event name.</p>
      {stepsError && <p role="alert" className="error">{stepsError}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {data && asked && (
        <>
          <table className="ranked">
            <caption className="muted">
              Visitors who took each step within {WINDOWS.find((w) => w.id === asked.window)?.label ?? asked.window} of the first,
              {' '}{data.meta.time_range.from} – {data.meta.time_range.to}
            </caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col" className="num">Visitors</th>
                <th scope="col" className="num">Conversion</th>
                <th scope="col" className="num">Drop-off</th>
              </tr>
            </thead>
            <tbody>
              {data.steps.map((s) => (
                <tr key={s.step}>
                  <td>
                    <span className="bar" style={{ width: `${share(s.visitors, first)}%` }} />
                    <span className="name">{s.step}. {s.label}</span>
                  </td>
                  <td className="num">{count(s.visitors)}</td>
                  <td className="num">{s.conversion_rate} %</td>
                  <td className="num">{s.step === 1 ? '–' : `${count(s.dropoff)} (${s.dropoff_rate} %)`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {ignored.length > 0 && (
            <p className="muted">
              The funnel ignores the filter{ignored.length > 1 ? 's' : ''} {ignored.map(selectionLabel).join(', ')}: it counts raw
              events, which carry no visit's source, channel, referrer, campaign, entry or exit page.
            </p>
          )}
        </>
      )}
    </div>
  );
}
