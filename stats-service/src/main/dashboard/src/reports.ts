// The reports the dashboard reads from the stats service, typed as the API answers them.
import { call } from './api';

export interface Site {
  site_id: string;
  events: number;
  first_day: string;
  last_day: string;
}

export interface Stats {
  site_id: string;
  date: string | null;
  total_views: number;
  unique_users: number;
  top_paths: { path: string; views: number }[];
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

/** The seed's get-stats: one UTC day, or all time when day is null. */
export async function stats(key: string, siteId: string, day: string | null): Promise<Stats> {
  const query = new URLSearchParams({ site_id: siteId });
  if (day) {
    query.set('date', day);
  }
  return (await call<Stats>(`/functions/v1/get-stats?${query}`, { key })).body;
}

export async function status(key: string): Promise<Status> {
  return (await call<Status>('/api/v1/status', { key })).body;
}

export async function processQueue(processorUrl: string, key: string): Promise<ProcessResult> {
  return (await call<ProcessResult>(`${processorUrl}/functions/v1/process-events`, { method: 'POST', key })).body;
}
