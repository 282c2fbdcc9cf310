// A funnel as people type it, one step a line, and which of the dashboard's filters it can take.
import type { FunnelStep } from '../reports';
import { queryFilters, type QueryFilter, type Selection } from './filters';

/** How many steps the API takes. */
export const MIN_STEPS = 2;
export const MAX_STEPS = 8;

/** The windows offered, as the API names them, with how they read. */
export const WINDOWS = [
  { id: '30m', label: '30 minutes' },
  { id: '1h', label: '1 hour' },
  { id: '1d', label: '1 day' },
  { id: '7d', label: '7 days' },
];

/** The dimensions the funnel can filter by: those stored on each raw event, which it counts from (custom properties too). */
const FILTERABLE = new Set([
  'event:page', 'event:name', 'event:hostname', 'visit:device', 'visit:browser', 'visit:os', 'visit:country',
]);

function filterable(dimension: string): boolean {
  return FILTERABLE.has(dimension) || dimension.startsWith('event:props:');
}

/**
 * The steps of a funnel from one step a line: a line starting with "/" is a page (its * match any
 * characters), any other an event name. Blank lines are skipped, so a trailing newline does no harm.
 */
export function parseSteps(text: string): { steps: FunnelStep[] } | { error: string } {
  const steps = text.split('\n').map((line) => line.trim()).filter((line) => line !== '')
    .map((line): FunnelStep => (line.startsWith('/') ? { page: line } : { event: line }));
  if (steps.length < MIN_STEPS) {
    return { error: `A funnel needs at least ${MIN_STEPS} steps, one per line; this one has ${steps.length}.` };
  }
  if (steps.length > MAX_STEPS) {
    return { error: `A funnel has at most ${MAX_STEPS} steps; this one has ${steps.length}.` };
  }
  return { steps };
}

/**
 * The dashboard's filters the funnel applies, and those it ignores: a visit's source, channel,
 * referrer, campaign and entry and exit pages belong to the visit, not to its events.
 */
export function funnelFilters(selections: Selection[]): { filters: QueryFilter[]; ignored: Selection[] } {
  return {
    filters: queryFilters(selections.filter((s) => filterable(s.dimension))),
    ignored: selections.filter((s) => !filterable(s.dimension)),
  };
}

/** A step's bar width: its percent of the first step's visitors (0 when nobody took the first). */
export function share(visitors: number, first: number): number {
  return first > 0 ? Math.min(100, (100 * visitors) / first) : 0;
}
