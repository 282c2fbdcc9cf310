import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { properties, query } from '../reports';
import { queryFilters, type Selection } from '../logic/filters';
import { Ranked } from './Ranked';
import { useRead } from './useRead';

interface Props {
  secret: string;
  site: string;
  /** The API date_range; memoized, since a new array reads again. */
  dateRange: string | [string, string];
  selections: Selection[];
  onSelect: (selection: Selection) => void;
  refreshes: number;
  onUnauthorized: () => void;
}

/** How a custom property's dimension starts; its key follows. */
const PROPS = 'event:props:';
/** How many values the list shows, as the other ranked lists. */
const TOP = 10;
const TITLE = 'Custom properties';

/** The card around what is not yet a list: loading, a failure, or no properties at all. */
function Card({ children }: { children: ReactNode }) {
  return (
    <div className="card" role="region" aria-label={TITLE}>
      <h3>{TITLE}</h3>
      {children}
    </div>
  );
}

/** The values of one custom property (the keys sent in props), chosen from the site's keys; a click adds a filter on a value. */
export function Properties({ secret, site, dateRange, selections, onSelect, refreshes, onUnauthorized }: Props) {
  const [chosen, setChosen] = useState<string | null>(null);

  // Refreshes too: the processor may have stored events with new keys since.
  const readKeys = useCallback(() => properties(secret, site).then((keys) => ({ site, keys })), [secret, site, refreshes]);
  const keys = useRead(readKeys, onUnauthorized);
  // Another site's keys, while this one's are read, would offer lists it does not have.
  const list = keys.data?.site === site ? keys.data.keys : null;
  // The key chosen here, else the first the dashboard filters by (a shared link), else the most used.
  const filtered = selections.find((s) => s.dimension.startsWith(PROPS))?.dimension.slice(PROPS.length) ?? null;
  const key = list && ([chosen, filtered].find((k) => k !== null && list.includes(k)) ?? list[0] ?? null);
  const dimension = key === null ? null : `${PROPS}${key}`;

  const readValues = useMemo(() => (dimension === null ? null : () => query(secret, {
    site_id: site, date_range: dateRange, metrics: ['visitors', 'events'], dimensions: [dimension], pagination: { limit: TOP },
    include: { total_rows: true },
    ...(selections.length > 0 ? { filters: queryFilters(selections) } : {}),
  }).then((answer) => ({ asked: `${site} ${dimension}`, answer }))), [secret, site, dateRange, dimension, selections, refreshes]);
  const values = useRead(readValues, onUnauthorized);

  if (keys.error) {
    return <Card><p role="alert" className="error">{keys.error}</p></Card>;
  }
  if (list === null) {
    return <Card><p className="muted">Loading…</p></Card>;
  }
  if (key === null || dimension === null) {
    return (
      <Card>
        <p className="muted">No custom properties yet. Events sent with <code>props</code> (say <code>{'{"plan": "pro"}'}</code>) show here, one list of values per key, with their visitors and events.</p>
      </Card>
    );
  }
  const picker = (
    <div className="controls">
      <label>Property{' '}
        <select aria-label="Property" value={key} onChange={(event) => setChosen(event.target.value)}>
          {list.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      </label>
    </div>
  );
  if (values.error) {
    return <Card>{picker}<p role="alert" className="error">{values.error}</p></Card>;
  }
  // An answer for another key or site reads as this one's: until this one's comes, say it is coming.
  if (values.data?.asked !== `${site} ${dimension}`) {
    return <Card>{picker}<p className="muted">Loading…</p></Card>;
  }
  return (
    <div className={values.loading ? 'stale' : undefined} aria-busy={values.loading}>
      <Ranked title={TITLE} dimension={dimension} answer={values.data.answer} columns={[key, 'Visitors', 'Events']}
        empty={`No events with ${key} in this period.`} onSelect={onSelect}>
        {picker}
      </Ranked>
    </div>
  );
}
