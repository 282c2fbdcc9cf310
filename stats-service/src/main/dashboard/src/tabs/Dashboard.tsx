import { useCallback, useEffect, useState } from 'react';
import { ApiError, type Config } from '../api';
import { sites as loadSites, stats as loadStats, type Site, type Stats } from '../reports';
import { addDays, periodLabel, utcDay } from '../logic/days';
import { change, count } from '../logic/format';
import { FirstEvent } from '../parts/FirstEvent';
import { Pipeline } from '../parts/Pipeline';

interface Props {
  config: Config;
  secret: string;
  onUnauthorized: () => void;
}

interface Figures {
  current: Stats;
  /** The day before, for the change; absent for all time. */
  previous?: Stats;
}

/** Statistics of one site for one UTC day or all time, and the pipeline's state. */
export function Dashboard({ config, secret, onUnauthorized }: Props) {
  const today = utcDay(new Date());
  const [siteList, setSiteList] = useState<Site[] | null>(null);
  const [site, setSite] = useState<string>(() => new URLSearchParams(location.search).get('site') ?? '');
  const [day, setDay] = useState<string | null>(() => dayFromUrl(today));
  const [figures, setFigures] = useState<Figures | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshes, setRefreshes] = useState(0);

  const fail = useCallback((failure: unknown) => {
    if (failure instanceof ApiError && failure.status === 401) {
      onUnauthorized();
    } else {
      setError((failure as Error).message);
    }
  }, [onUnauthorized]);

  useEffect(() => {
    loadSites(secret).then((list) => {
      setSiteList(list);
      setSite((chosen) => (list.some((s) => s.site_id === chosen) ? chosen : list[0]?.site_id ?? ''));
    }, fail);
  }, [secret, refreshes, fail]);

  useEffect(() => {
    if (!site) {
      return;
    }
    let current = true;
    setError(null);
    Promise.all([loadStats(secret, site, day), day ? loadStats(secret, site, addDays(day, -1)) : undefined])
      .then(([currentStats, previous]) => current && setFigures({ current: currentStats, previous }), fail);
    return () => { current = false; };
  }, [secret, site, day, refreshes, fail]);

  useEffect(() => {
    // The site and period live in the address, so a reload, a tab switch or a shared link keeps them.
    const query = new URLSearchParams(location.search);
    if (site) {
      query.set('site', site);
    }
    query.set('period', day ?? 'all');
    history.replaceState(null, '', `?${query}${location.hash}`);
  }, [site, day]);

  const refresh = () => setRefreshes((n) => n + 1);

  if (siteList === null) {
    return error ? <p role="alert" className="error">{error}</p> : <p className="muted">Loading sites…</p>;
  }
  return (
    <div className="dashboard">
      {siteList.length === 0 ? (
        <FirstEvent config={config} onRefresh={refresh} />
      ) : (
        <>
          <div className="controls">
            <label>Site{' '}
              <select value={site} onChange={(event) => setSite(event.target.value)} aria-label="Site">
                {siteList.map((s) => <option key={s.site_id} value={s.site_id}>{s.site_id} ({count(s.events)} events)</option>)}
              </select>
            </label>
            <div className="range" role="group" aria-label="Period">
              <button type="button" aria-pressed={day === today} onClick={() => setDay(today)}>Today</button>
              <button type="button" aria-pressed={day === addDays(today, -1)} onClick={() => setDay(addDays(today, -1))}>Yesterday</button>
              <button type="button" aria-pressed={day === null} onClick={() => setDay(null)}>All time</button>
              <label>Day{' '}
                <input type="date" aria-label="Day" value={day ?? ''} max={today}
                  onChange={(event) => event.target.value && setDay(event.target.value)} />
              </label>
            </div>
            <button type="button" className="quiet" onClick={refresh}>Refresh</button>
          </div>
          {error && <p role="alert" className="error">{error}</p>}
          {figures && <Report figures={figures} period={periodLabel(day, today)} />}
        </>
      )}
      <Pipeline config={config} secret={secret} onProcessed={refresh} onError={fail} />
    </div>
  );
}

/** The period named in the address: a day, "all", or today when absent or not a date. */
function dayFromUrl(today: string): string | null {
  const period = new URLSearchParams(location.search).get('period');
  if (period === 'all') {
    return null;
  }
  return period && /^\d{4}-\d{2}-\d{2}$/.test(period) ? period : today;
}

function Report({ figures, period }: { figures: Figures; period: string }) {
  const { current, previous } = figures;
  const headline = [
    { label: 'Page views', value: current.total_views, before: previous?.total_views },
    { label: 'Unique users', value: current.unique_users, before: previous?.unique_users },
  ];
  return (
    <section aria-label={`Figures for ${period}`}>
      <h2>{period}</h2>
      <div className="figures">
        {headline.map((figure) => (
          <div className="card figure" key={figure.label}>
            <span className="label">{figure.label}</span>
            <span className="value" data-figure={figure.label}>{count(figure.value)}</span>
            {figure.before !== undefined && (
              <span className="delta" title="Against the day before">{change(figure.value, figure.before)} on the day before</span>
            )}
          </div>
        ))}
      </div>
      <div className="card">
        <h3>Top pages</h3>
        {current.top_paths.length === 0 ? (
          <p className="muted">No page views in this period.</p>
        ) : (
          <table className="ranked">
            <thead><tr><th scope="col">Page</th><th scope="col" className="num">Views</th></tr></thead>
            <tbody>
              {current.top_paths.map((row) => (
                <tr key={row.path}>
                  <td><span className="bar" style={{ width: `${(100 * row.views) / current.top_paths[0].views}%` }} /><span className="name">{row.path}</span></td>
                  <td className="num">{count(row.views)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
