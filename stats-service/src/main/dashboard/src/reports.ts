// The reports the dashboard reads from the stats service, typed as the API answers them.
import { call } from './api';

export interface Site {
  site_id: string;
  events: number;
  first_day: string;
  last_day: string;
}

/** One group of a /api/v2/query answer: its dimension values and its metrics in the order asked. */
export interface QueryResult {
  dimensions: string[];
  metrics: number[];
  comparison?: { dimensions: string[]; metrics: number[]; change: (number | null)[] };
}

export interface QueryAnswer {
  results: QueryResult[];
  meta: {
    time_range: { from: string; to: string };
    comparison_time_range?: { from: string; to: string };
    total_rows: number;
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
  include?: { comparisons?: { mode: 'previous_period' | 'year_over_year' } };
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

export async function status(key: string): Promise<Status> {
  return (await call<Status>('/api/v1/status', { key })).body;
}

export async function processQueue(processorUrl: string, key: string): Promise<ProcessResult> {
  return (await call<ProcessResult>(`${processorUrl}/functions/v1/process-events`, { method: 'POST', key })).body;
}
