// The filters the dashboard stacks, one value per dimension, as the API, the address and the chips write them.

/** One value of one dimension, chosen by clicking a row: the reports then count only what has it. */
export interface Selection {
  dimension: string;
  value: string;
}

/** A filter as /api/v2/query and /api/v2/funnel take it. */
export type QueryFilter = ['is', string, [string]];

/**
 * The selections with `next` added. One on the same dimension is replaced where it stands, so the
 * chips do not move; asking for two values of one dimension at once would always count nothing.
 * Clicking a filter already applied gives the same array, so nothing is read again.
 */
export function withSelection(selections: Selection[], next: Selection): Selection[] {
  if (selections.some((s) => s.dimension === next.dimension && s.value === next.value)) {
    return selections;
  }
  return selections.some((s) => s.dimension === next.dimension)
    ? selections.map((s) => (s.dimension === next.dimension ? next : s))
    : [...selections, next];
}

export function withoutSelection(selections: Selection[], dimension: string): Selection[] {
  return selections.filter((s) => s.dimension !== dimension);
}

/** The API's filters for the selections: all at once, since it counts what matches every one. */
export function queryFilters(selections: Selection[]): QueryFilter[] {
  return selections.map((s) => ['is', s.dimension, [s.value]]);
}

/** The dimensions a filter may name, as the API spells them; anything else in an address is dropped, not sent to be refused. */
const DIMENSION = /^(event:(page|name|hostname)|event:props:[A-Za-z0-9._:-]{1,64}|visit:[a-z_]+)$/;

/** Each selection as one `filter` parameter of the address: "visit:country=CH". */
export function selectionsToParams(selections: Selection[]): string[] {
  return selections.map((s) => `${s.dimension}=${s.value}`);
}

/**
 * The selections of an address's `filter` parameters, in order. A link from before filters stacked
 * has one, in the same form, so it still opens filtered. The value is all after the first "=",
 * which a dimension never holds; a repeated dimension keeps its last value.
 */
export function selectionsFromParams(params: string[]): Selection[] {
  return params.reduce<Selection[]>((selections, param) => {
    const at = param.indexOf('=');
    const dimension = param.slice(0, at);
    return at > 0 && DIMENSION.test(dimension) ? withSelection(selections, { dimension, value: param.slice(at + 1) }) : selections;
  }, []);
}

/** How the dimensions read in a chip, where not as their name. */
const NAMES: Record<string, string> = {
  'event:page': 'Page',
  'event:name': 'Event',
  'event:hostname': 'Hostname',
  'visit:os': 'Operating system',
  'visit:utm_source': 'UTM source',
  'visit:utm_medium': 'UTM medium',
  'visit:utm_campaign': 'UTM campaign',
  'visit:utm_content': 'UTM content',
  'visit:utm_term': 'UTM term',
};

/** A dimension as people read it: "visit:entry_page" is "Entry page", "event:props:plan" is "Property plan". */
export function dimensionLabel(dimension: string): string {
  if (dimension.startsWith('event:props:')) {
    return `Property ${dimension.slice('event:props:'.length)}`;
  }
  const name = NAMES[dimension] ?? dimension.replace(/^(visit|event):/, '').replaceAll('_', ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A chip's words: "Country is CH", the value as the API has it, as in the address. */
export function selectionLabel(selection: Selection): string {
  return `${dimensionLabel(selection.dimension)} is ${selection.value}`;
}
