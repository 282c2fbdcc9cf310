import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, type Config } from '../api';
import { query, sites as loadSites, type Query, type QueryAnswer, type Site } from '../reports';
import { utcDay } from '../logic/days';
import { countryName } from '../logic/format';
import {
  countsVisitors, dateRange, isOneDay, periodFromParam, periodName, periodToParam, selectionFromParam, selectionToParam,
  type Period, type Selection,
} from '../logic/periods';
import { FirstEvent } from '../parts/FirstEvent';
import { Pipeline } from '../parts/Pipeline';
import { PeriodPicker } from '../parts/PeriodPicker';
import { Headline } from '../parts/Headline';
import { Trend } from '../parts/Trend';
import { Ranked } from '../parts/Ranked';
import { Live } from '../parts/Live';
import { Properties } from '../parts/Properties';
import { Funnel } from '../parts/Funnel';
import { Retention } from '../parts/Retention';

interface Props {
  config: Config;
  secret: string;
  onUnauthorized: () => void;
}

/** Everything the dashboard shows for one site and period, read in parallel. */
export interface Figures {
  /** The metrics of totals and days, in order: visitors is left out when the filter cannot count them. */
  metrics: string[];
  totals: QueryAnswer;
  days: QueryAnswer;
  /** Null where the API cannot group by it under the current filter. */
  pages: QueryAnswer | null;
  events: QueryAnswer | null;
  /** Visitors by each visit dimension, in the order of VISIT_DIMENSIONS. */
  visits: (QueryAnswer | null)[];
  /** Visits by where they came from and where they entered and left, in the order of ORIGINS. */
  origins: (QueryAnswer | null)[];
}

/** Where visits came from, and their first and last pages: lists of visits with their bounce rate. */
const ORIGINS = [
  { dimension: 'visit:source', title: 'Sources', column: 'Source' },
  { dimension: 'visit:channel', title: 'Channels', column: 'Channel' },
  { dimension: 'visit:utm_campaign', title: 'Campaigns', column: 'Campaign' },
  { dimension: 'visit:referrer', title: 'Referrers', column: 'Referrer' },
  { dimension: 'visit:entry_page', title: 'Entry pages', column: 'Page' },
  { dimension: 'visit:exit_page', title: 'Exit pages', column: 'Page' },
];

/** The breakdowns by who the visitors are, each a ranked list of visitors. */
const VISIT_DIMENSIONS = [
  { dimension: 'visit:country', title: 'Countries', column: 'Country' },
  { dimension: 'visit:device', title: 'Devices', column: 'Device' },
  { dimension: 'visit:browser', title: 'Browsers', column: 'Browser' },
  { dimension: 'visit:os', title: 'Operating systems', column: 'System' },
];

/** How many rows the ranked lists show. */
const TOP = 10;

function readFigures(secret: string, site: string, period: Period, today: string, selection: Selection | null): Promise<Figures> {
  const filters = selection ? { filters: [['is', selection.dimension, [selection.value]]] } : {};
  const base = { site_id: site, date_range: dateRange(period, today), ...filters };
  const metrics = !selection || countsVisitors(selection.dimension)
    ? ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration', 'events'] : ['pageviews', 'events'];
  const daily = metrics.filter((m) => m === 'visitors' || m === 'pageviews');
  // The API filters by one dimension while grouping by that one, by day, or by nothing.
  const groupable = (dimension: string) => !selection || selection.dimension === dimension;
  const breakdown = (dimension: string, body: Omit<Query, 'site_id' | 'date_range'>) =>
    groupable(dimension) ? query(secret, { ...base, ...body }) : Promise.resolve(null);
  return Promise.all([
    query(secret, { ...base, metrics, ...(period.id === 'all' ? {} : { include: { comparisons: { mode: 'previous_period' } } }) }),
    // One day is charted by hour (from the raw events), longer periods by day.
    query(secret, { ...base, metrics: daily, dimensions: [isOneDay(period) ? 'time:hour' : 'time:day'] }),
    breakdown('event:page', { metrics: ['pageviews', 'events'], dimensions: ['event:page'], pagination: { limit: TOP } }),
    breakdown('event:name', { metrics: ['events'], dimensions: ['event:name'], pagination: { limit: TOP } }),
    ...VISIT_DIMENSIONS.map((v) => breakdown(v.dimension, { metrics: ['visitors'], dimensions: [v.dimension], pagination: { limit: TOP } })),
    ...ORIGINS.map((o) => (countsVisitors(selection?.dimension ?? '')
      ? breakdown(o.dimension, { metrics: ['visits', 'bounce_rate'], dimensions: [o.dimension], pagination: { limit: TOP } })
      : Promise.resolve(null))),
  ]).then(([totals, days, pages, events, ...lists]) => ({
    metrics, totals: totals!, days: days!, pages, events,
    visits: lists.slice(0, VISIT_DIMENSIONS.length), origins: lists.slice(VISIT_DIMENSIONS.length),
  }));
}

/** A site's figures for a period, from /api/v2/query, and the pipeline's state. */
export function Dashboard({ config, secret, onUnauthorized }: Props) {
  const today = utcDay(new Date());
  const [siteList, setSiteList] = useState<Site[] | null>(null);
  const [site, setSite] = useState<string>(() => new URLSearchParams(location.search).get('site') ?? '');
  const [period, setPeriod] = useState<Period>(() => periodFromParam(new URLSearchParams(location.search).get('period')));
  const [selection, setSelection] = useState<Selection | null>(() => selectionFromParam(new URLSearchParams(location.search).get('filter')));
  const [figures, setFigures] = useState<Figures | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refreshes, setRefreshes] = useState(0);
  // One array per period and day: the panels that read for themselves read again when it changes.
  const range = useMemo(() => dateRange(period, today), [period, today]);

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
    setLoading(true);
    readFigures(secret, site, period, today, selection)
      .then((read) => current && setFigures(read), fail)
      .finally(() => current && setLoading(false));
    return () => { current = false; };
  }, [secret, site, period, today, selection, refreshes, fail]);

  useEffect(() => {
    // The site and period live in the address, so a reload, a tab switch or a shared link keeps them.
    const params = new URLSearchParams(location.search);
    if (site) {
      params.set('site', site);
    }
    params.set('period', periodToParam(period));
    const filter = selectionToParam(selection);
    if (filter) {
      params.set('filter', filter);
    } else {
      params.delete('filter');
    }
    history.replaceState(null, '', `?${params}${location.hash}`);
  }, [site, period, selection]);

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
              <select value={site} onChange={(event) => { setSite(event.target.value); setSelection(null); }} aria-label="Site">
                {siteList.map((s) => <option key={s.site_id} value={s.site_id}>{s.site_id}</option>)}
              </select>
            </label>
            <PeriodPicker period={period} today={today} onChange={setPeriod} />
            <button type="button" className="quiet" onClick={refresh}>Refresh</button>
          </div>
          {error && <p role="alert" className="error">{error}</p>}
          {site && <Live site={site} secret={secret} />}
          {figures && (
            <section aria-label={`Figures for ${periodName(period)}`} aria-busy={loading} className={loading ? 'stale' : undefined}>
              <h2>{periodName(period)} <span className="muted range">{figures.totals.meta.time_range.from} – {figures.totals.meta.time_range.to}</span></h2>
              {selection && (
                <p className="filter" role="status">
                  Only {selection.dimension.replace(/^(visit|event):/, '')} <strong>{selection.dimension === 'visit:country' ? countryName(selection.value) : selection.value}</strong>
                  {' '}<button type="button" className="quiet" onClick={() => setSelection(null)} aria-label="Remove the filter">✕ Remove filter</button>
                </p>
              )}
              <Headline totals={figures.totals} metrics={figures.metrics} />
              <Trend days={figures.days} metrics={figures.metrics.filter((m) => m === 'visitors' || m === 'pageviews')} />
              <div className="columns">
                <Ranked title="Top pages" dimension="event:page" answer={figures.pages} columns={['Page', 'Views', 'Events']}
                  empty="No page views in this period." selection={selection} onSelect={setSelection} />
                <Ranked title="Events" dimension="event:name" answer={figures.events} columns={['Event', 'Count']}
                  empty="No events in this period." selection={selection} onSelect={setSelection} />
                {VISIT_DIMENSIONS.map((v, i) => (
                  <Ranked key={v.dimension} title={v.title} dimension={v.dimension} answer={figures.visits[i]} columns={[v.column, 'Visitors']}
                    empty="Not known for this period's visitors." label={v.dimension === 'visit:country' ? countryName : undefined}
                    selection={selection} onSelect={setSelection} />
                ))}
                {ORIGINS.map((o, i) => (
                  <Ranked key={o.dimension} title={o.title} dimension={o.dimension} answer={figures.origins[i]} columns={[o.column, 'Visits', 'Bounce']}
                    formats={[undefined, (n) => `${n} %`]} empty="No visits with one in this period." selection={selection} onSelect={setSelection} />
                ))}
              </div>
              {/* These read for themselves, as the period, site, filter or Refresh change. */}
              <div className="columns">
                <Properties secret={secret} site={site} dateRange={range} selection={selection} onSelect={setSelection}
                  refreshes={refreshes} onUnauthorized={onUnauthorized} />
                <Funnel secret={secret} site={site} dateRange={range} selection={selection} refreshes={refreshes} onUnauthorized={onUnauthorized} />
              </div>
              <Retention secret={secret} site={site} dateRange={range} today={today} firstDay={siteList.find((s) => s.site_id === site)?.first_day}
                selection={selection} refreshes={refreshes} onUnauthorized={onUnauthorized} />
            </section>
          )}
        </>
      )}
      <Pipeline config={config} secret={secret} onProcessed={refresh} onError={fail} />
    </div>
  );
}
