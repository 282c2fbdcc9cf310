// The reports the dashboard reads from the stats service, typed as the API answers them.
import { call } from './api';

export interface Site {
  site_id: string;
  events: number;
  first_day: string;
  last_day: string;
}

/** Revenue as the API answers it: amounts per currency code, {} for none. Tally keeps no exchange rates, so they stay apart. */
export type Revenue = Record<string, number>;

/** A metric's value: a number, but revenue is its amounts per currency. */
export type MetricValue = number | Revenue;

/** One group of a /api/v2/query answer: its dimension values and its metrics in the order asked. */
export interface QueryResult {
  dimensions: string[];
  metrics: MetricValue[];
  comparison?: { dimensions: string[]; metrics: MetricValue[]; change: (number | null)[] };
}

export interface QueryAnswer {
  results: QueryResult[];
  meta: {
    time_range: { from: string; to: string };
    comparison_time_range?: { from: string; to: string };
    /** Only when the query includes it. */
    total_rows?: number;
  };
}

export interface Query {
  site_id: string;
  metrics: string[];
  date_range: string | [string, string];
  dimensions?: string[];
  filters?: unknown[];
  order_by?: [string, 'asc' | 'desc'][];
  pagination?: { limit: number; offset?: number };
  include?: { comparisons?: { mode: 'previous_period' | 'year_over_year' }; total_rows?: boolean };
}

export interface Status {
  queue_depth: number;
  oldest_queued_age_seconds: number;
  processed_per_second: number;
  events_stored: number;
  counters: Record<string, number>;
  measured_at: string;
}

export interface ProcessResult {
  success: boolean;
  processed: number;
  aggregated_days: number;
  duplicates: number;
}

export async function sites(key: string): Promise<Site[]> {
  return (await call<{ sites: Site[] }>('/api/v1/sites', { key })).body.sites;
}

/** A report from /api/v2/query (Plausible's Stats API v2 shape). */
export async function query(key: string, body: Query): Promise<QueryAnswer> {
  return (await call<QueryAnswer>('/api/v2/query', { method: 'POST', key, body: JSON.stringify(body) })).body;
}

/** The custom property keys of a site's events, the most used first: each is the dimension event:props:<key>. */
export async function properties(key: string, site: string): Promise<string[]> {
  return (await call<{ site_id: string; properties: string[] }>(`/api/v1/sites/${encodeURIComponent(site)}/properties`, { key })).body.properties;
}

/** A step of a funnel: a page (its * match any characters) or an event name. */
export type FunnelStep = { page: string } | { event: string };

export interface FunnelQuery {
  site_id: string;
  date_range: string | [string, string];
  /** How long after the first step the last may follow: "30m", "1h", "7d". */
  window: string;
  steps: FunnelStep[];
  filters?: unknown[];
}

export interface FunnelAnswer {
  steps: {
    step: number;
    label: string;
    visitors: number;
    /** Percent of the first step's visitors. */
    conversion_rate: number;
    /** Visitors of the step before who did not reach this one, and their percent of them. */
    dropoff: number;
    dropoff_rate: number;
  }[];
  meta: { time_range: { from: string; to: string }; window_seconds: number };
}

/** Visitors who took ordered steps within a window, from /api/v2/funnel. */
export async function funnel(key: string, body: FunnelQuery): Promise<FunnelAnswer> {
  return (await call<FunnelAnswer>('/api/v2/funnel', { method: 'POST', key, body: JSON.stringify(body) })).body;
}

export interface RetentionQuery {
  site_id: string;
  date_range: string | [string, string];
  period: 'day' | 'week' | 'month';
  periods: number;
}

export interface RetentionAnswer {
  cohorts: {
    /** The first day of the cohort's period. */
    cohort: string;
    visitors: number;
    /** Per period after the cohort's own (index 0), how many came back; null for periods still to come. */
    returning: (number | null)[];
    retention: (number | null)[];
  }[];
  meta: { period: 'day' | 'week' | 'month'; periods: number; time_range: { from: string; to: string } };
}

/** Cohorts of first-seen visitors and how many came back in each period after, from /api/v2/retention. */
export async function retention(key: string, body: RetentionQuery): Promise<RetentionAnswer> {
  return (await call<RetentionAnswer>('/api/v2/retention', { method: 'POST', key, body: JSON.stringify(body) })).body;
}

/** A site's settings: how long its raw events are kept (null: forever) and the IANA zone its days are counted in. */
export interface SiteSettings {
  site_id: string;
  retention_days: number | null;
  time_zone: string;
}

/** What a PUT of settings changes; a setting left out stays as it is. */
export interface SettingsChange {
  retention_days?: number | null;
  time_zone?: string;
}

export async function siteSettings(key: string, site: string): Promise<SiteSettings> {
  return (await call<SiteSettings>(`/api/v1/sites/${encodeURIComponent(site)}/settings`, { key })).body;
}

/** Changes a site's settings; answers them as they now are. */
export async function saveSiteSettings(key: string, site: string, change: SettingsChange): Promise<SiteSettings> {
  return (await call<SiteSettings>(`/api/v1/sites/${encodeURIComponent(site)}/settings`,
    { method: 'PUT', key, body: JSON.stringify(change) })).body;
}

export async function status(key: string): Promise<Status> {
  return (await call<Status>('/api/v1/status', { key })).body;
}

export async function processQueue(processorUrl: string, key: string): Promise<ProcessResult> {
  return (await call<ProcessResult>(`${processorUrl}/functions/v1/process-events`, { method: 'POST', key })).body;
}
