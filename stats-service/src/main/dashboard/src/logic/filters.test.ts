import { describe, expect, it } from 'vitest';
import {
  dimensionLabel, queryFilters, selectionLabel, selectionsFromParams, selectionsToParams, withoutSelection, withSelection,
} from './filters';

describe('filters', () => {
  const country = { dimension: 'visit:country', value: 'CH' };
  const source = { dimension: 'visit:source', value: 'Google' };
  const page = { dimension: 'event:page', value: '/pricing' };

  it('stacks a filter per dimension, a new value replacing the old one where it stands', () => {
    const two = withSelection(withSelection([], country), source);
    expect(two).toEqual([country, source]);
    expect(withSelection(two, { dimension: 'visit:country', value: 'DE' })).toEqual([{ dimension: 'visit:country', value: 'DE' }, source]);
    expect(withSelection(two, source)).toBe(two);
  });

  it('removes the filter of one dimension and keeps the others', () => {
    expect(withoutSelection([country, source, page], 'visit:source')).toEqual([country, page]);
    expect(withoutSelection([country], 'event:page')).toEqual([country]);
  });

  it('sends every filter to the API, on any dimensions', () => {
    expect(queryFilters([country, source])).toEqual([['is', 'visit:country', ['CH']], ['is', 'visit:source', ['Google']]]);
    expect(queryFilters([])).toEqual([]);
  });

  it('round-trips the filters through the address, in order, values with = and : included', () => {
    const selections = [{ dimension: 'event:page', value: '/a?b=c:d' }, country, { dimension: 'event:props:plan', value: 'pro' }];
    expect(selectionsToParams(selections)).toEqual(['event:page=/a?b=c:d', 'visit:country=CH', 'event:props:plan=pro']);
    expect(selectionsFromParams(selectionsToParams(selections))).toEqual(selections);
    const params = new URLSearchParams();
    selectionsToParams(selections).forEach((p) => params.append('filter', p));
    expect(selectionsFromParams(new URLSearchParams(params.toString()).getAll('filter'))).toEqual(selections);
  });

  it('opens a link from before filters stacked, with its one filter parameter', () => {
    expect(selectionsFromParams(new URLSearchParams('site=shop&period=7d&filter=visit%3Acountry%3DCH').getAll('filter'))).toEqual([country]);
    expect(selectionsFromParams(new URLSearchParams('site=shop&period=7d').getAll('filter'))).toEqual([]);
  });

  it('drops what names no dimension, and keeps the last value of a repeated one', () => {
    expect(selectionsFromParams(['nonsense', '=CH', 'country=CH', 'visit:country=', 'time:day=2026-11-28'])).toEqual([{ dimension: 'visit:country', value: '' }]);
    expect(selectionsFromParams(['visit:country=CH', 'event:page=/', 'visit:country=DE'])).toEqual([
      { dimension: 'visit:country', value: 'DE' }, { dimension: 'event:page', value: '/' },
    ]);
  });

  it('labels chips as people read them', () => {
    expect(selectionLabel(country)).toBe('Country is CH');
    expect(selectionLabel(page)).toBe('Page is /pricing');
    expect(dimensionLabel('event:name')).toBe('Event');
    expect(dimensionLabel('visit:entry_page')).toBe('Entry page');
    expect(dimensionLabel('visit:os')).toBe('Operating system');
    expect(dimensionLabel('visit:utm_campaign')).toBe('UTM campaign');
    expect(dimensionLabel('event:props:plan')).toBe('Property plan');
  });
});
