import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, type Config } from '../api';
import { query, sites as loadSites, type QueryAnswer, type Site } from '../reports';
import { utcDay } from '../logic/days';
import { countryName } from '../logic/format';
import { anyRevenue } from '../logic/revenue';
import { dateRange, isOneDay, periodFromParam, periodName, periodToParam, type Period } from '../logic/periods';
import {
  queryFilters, selectionLabel, selectionsFromParams, selectionsToParams, withoutSelection, withSelection, type Selection,
} from '../logic/filters';
import { FirstEvent } from '../parts/FirstEvent';
import { Pipeline } from '../parts/Pipeline';
import { PeriodPicker } from '../parts/PeriodPicker';
import { Headline, HEADLINE_METRICS } from '../parts/Headline';
import { Trend } from '../parts/Trend';
import { Ranked } from '../parts/Ranked';
import { Live } from '../parts/Live';
import { Properties } from '../parts/Properties';
import { Funnel } from '../parts/Funnel';
import { Retention } from '../parts/Retention';
import { Settings } from '../parts/Settings';

interface Props {
  config: Config;
  secret: string;
  onUnauthorized: () => void;
}

/** Everything the dashboard shows for one site, period and set of filters, read in parallel. */
export interface Figures {
  /** The HEADLINE_METRICS, in their order. */
  totals: QueryAnswer;
  /** The DAILY metrics per day, or per hour for one day. */
  days: QueryAnswer;
  pages: QueryAnswer;
  events: QueryAnswer;
  /** Visitors by each visit dimension, in the order of VISIT_DIMENSIONS. */
  visits: QueryAnswer[];
  /** Visits by where they came from and where they entered and left, in the order of ORIGINS. */
  origins: QueryAnswer[];
}

/** What the trend charts. */
const DAILY = ['visitors', 'pageviews'];

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

/** What the Events list asks for: revenue too, as Plausible shows it next to goals. */
const EVENT_METRICS = ['events', 'revenue'];

/** How many rows the ranked lists show. */
const TOP = 10;

function readFigures(secret: string, site: string, period: Period, today: string, selections: Selection[]): Promise<Figures> {
  // Every card counts under every filter: the API takes any number, on any dimensions.
  const base = { site_id: site, date_range: dateRange(period, today), ...(selections.length > 0 ? { filters: queryFilters(selections) } : {}) };
  // total_rows: each list says how many groups it shows of how many.
  const list = (dimension: string, metrics: string[]) =>
    query(secret, { ...base, metrics, dimensions: [dimension], pagination: { limit: TOP }, include: { total_rows: true } });
  return Promise.all([
    query(secret, { ...base, metrics: HEADLINE_METRICS, ...(period.id === 'all' ? {} : { include: { comparisons: { mode: 'previous_period' } } }) }),
    // One day is charted by hour (from the raw events), longer periods by day.
    query(secret, { ...base, metrics: DAILY, dimensions: [isOneDay(period) ? 'time:hour' : 'time:day'] }),
    // Pages by visitors, as in Plausible; a page's bounce rate is of the visits that entered on it.
    list('event:page', ['visitors', 'pageviews', 'bounce_rate']),
    list('event:name', EVENT_METRICS),
    ...VISIT_DIMENSIONS.map((v) => list(v.dimension, ['visitors'])),
    ...ORIGINS.map((o) => list(o.dimension, ['visits', 'bounce_rate'])),
  ]).then(([totals, days, pages, events, ...lists]) => ({
    totals, days, pages, events, visits: lists.slice(0, VISIT_DIMENSIONS.length), origins: lists.slice(VISIT_DIMENSIONS.length),
  }));
}

/** A site's figures for a period, from /api/v2/query, and the pipeline's state. */
export function Dashboard({ config, secret, onUnauthorized }: Props) {
  const today = utcDay(new Date());
  const [siteList, setSiteList] = useState<Site[] | null>(null);
  const [site, setSite] = useState<string>(() => new URLSearchParams(location.search).get('site') ?? '');
  const [period, setPeriod] = useState<Period>(() => periodFromParam(new URLSearchParams(location.search).get('period')));
  const [selections, setSelections] = useState<Selection[]>(() => selectionsFromParams(new URLSearchParams(location.search).getAll('filter')));
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
    readFigures(secret, site, period, today, selections)
      .then((read) => current && setFigures(read), fail)
      .finally(() => current && setLoading(false));
    return () => { current = false; };
  }, [secret, site, period, today, selections, refreshes, fail]);

  useEffect(() => {
    // The site, period and filters live in the address, so a reload, a tab switch or a shared link keeps them.
    const params = new URLSearchParams(location.search);
    if (site) {
      params.set('site', site);
    }
    params.set('period', periodToParam(period));
    params.delete('filter');
    selectionsToParams(selections).forEach((filter) => params.append('filter', filter));
    history.replaceState(null, '', `?${params}${location.hash}`);
  }, [site, period, selections]);

  const refresh = () => setRefreshes((n) => n + 1);
  const select = useCallback((selection: Selection) => setSelections((before) => withSelection(before, selection)), []);

  // Shown above the reports; and where a refused query left no figures to show them in, above the error, so a filter can still go.
  const chips = selections.length > 0 && (
    <div className="filters">
      <ul aria-label="Filters">
        {selections.map((s) => {
          const label = selectionLabel(s);
          return (
            <li key={s.dimension} className="chip" title={s.dimension === 'visit:country' ? countryName(s.value) : undefined}>
              <span>{label}</span>
              <button type="button" className="quiet" aria-label={`Remove the filter ${label}`}
                onClick={() => setSelections((before) => withoutSelection(before, s.dimension))}>✕</button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="quiet" onClick={() => setSelections([])}>Clear all</button>
    </div>
  );

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
              <select value={site} onChange={(event) => { setSite(event.target.value); setSelections([]); }} aria-label="Site">
                {siteList.map((s) => <option key={s.site_id} value={s.site_id}>{s.site_id}</option>)}
              </select>
            </label>
            <PeriodPicker period={period} today={today} onChange={setPeriod} />
            <button type="button" className="quiet" onClick={refresh}>Refresh</button>
          </div>
          {!figures && error && chips}
          {error && <p role="alert" className="error">{error}</p>}
          {site && <Live site={site} secret={secret} />}
          {figures && (
            <section aria-label={`Figures for ${periodName(period)}`} aria-busy={loading} className={loading ? 'stale' : undefined}>
              <h2>{periodName(period)} <span className="muted range">{figures.totals.meta.time_range.from} – {figures.totals.meta.time_range.to}</span></h2>
              {chips}
              <Headline totals={figures.totals} />
              <Trend days={figures.days} metrics={DAILY} />
              <div className="columns">
                <Ranked title="Top pages" dimension="event:page" answer={figures.pages} columns={['Page', 'Visitors', 'Views', 'Bounce']}
                  formats={[undefined, undefined, (n) => `${n} %`]} empty="No page views in this period." onSelect={select} />
                {/* A revenue column only where events carried some, so a site without revenue sees the list as before. */}
                <Ranked title="Events" dimension="event:name" answer={figures.events}
                  columns={anyRevenue(figures.events, EVENT_METRICS.indexOf('revenue')) ? ['Event', 'Count', 'Revenue'] : ['Event', 'Count']}
                  empty="No events in this period." onSelect={select} />
                {VISIT_DIMENSIONS.map((v, i) => (
                  <Ranked key={v.dimension} title={v.title} dimension={v.dimension} answer={figures.visits[i]} columns={[v.column, 'Visitors']}
                    empty="Not known for this period's visitors." label={v.dimension === 'visit:country' ? countryName : undefined}
                    onSelect={select} />
                ))}
                {ORIGINS.map((o, i) => (
                  <Ranked key={o.dimension} title={o.title} dimension={o.dimension} answer={figures.origins[i]} columns={[o.column, 'Visits', 'Bounce']}
                    formats={[undefined, (n) => `${n} %`]} empty="No visits with one in this period." onSelect={select} />
                ))}
              </div>
              {/* These read for themselves, as the period, site, filters or Refresh change. */}
              <div className="columns">
                <Properties secret={secret} site={site} dateRange={range} selections={selections} onSelect={select}
                  refreshes={refreshes} onUnauthorized={onUnauthorized} />
                <Funnel secret={secret} site={site} dateRange={range} selections={selections} refreshes={refreshes} onUnauthorized={onUnauthorized} />
              </div>
              <Retention secret={secret} site={site} dateRange={range} today={today} firstDay={siteList.find((s) => s.site_id === site)?.first_day}
                filtered={selections.length > 0} refreshes={refreshes} onUnauthorized={onUnauthorized} />
            </section>
          )}
          {/* A new time zone moves the site's days, so a save reads every report again. */}
          {site && <Settings key={site} secret={secret} site={site} onSaved={refresh} onUnauthorized={onUnauthorized} />}
        </>
      )}
      <Pipeline config={config} secret={secret} onProcessed={refresh} onError={fail} />
    </div>
  );
}
