import { describe, expect, it } from 'vitest';
import { funnelFilters, parseSteps, share } from './funnel';

describe('funnel', () => {
  it('reads pages from lines starting with / and event names from the others, trimmed', () => {
    expect(parseSteps('/\n  /pricing  \nsignup')).toEqual({ steps: [{ page: '/' }, { page: '/pricing' }, { event: 'signup' }] });
  });

  it('keeps wildcards and spaces inside a step', () => {
    expect(parseSteps('/blog/*\nNewsletter signup')).toEqual({ steps: [{ page: '/blog/*' }, { event: 'Newsletter signup' }] });
  });

  it('skips blank lines and takes Windows line ends', () => {
    expect(parseSteps('\r\n/\r\n\r\n   \r\nsignup\r\n')).toEqual({ steps: [{ page: '/' }, { event: 'signup' }] });
  });

  it('asks for 2 to 8 steps', () => {
    expect(parseSteps('')).toEqual({ error: 'A funnel needs at least 2 steps, one per line; this one has 0.' });
    expect(parseSteps('/\n\n')).toEqual({ error: 'A funnel needs at least 2 steps, one per line; this one has 1.' });
    expect(parseSteps(Array.from({ length: 9 }, (_, i) => `/p${i}`).join('\n'))).toEqual({ error: 'A funnel has at most 8 steps; this one has 9.' });
    expect('steps' in parseSteps(Array.from({ length: 8 }, (_, i) => `/p${i}`).join('\n'))).toBe(true);
  });

  it('takes the filters on what raw events carry and names those it ignores', () => {
    expect(funnelFilters([])).toEqual({ filters: [], ignored: [] });
    const source = { dimension: 'visit:source', value: 'Google' };
    const entry = { dimension: 'visit:entry_page', value: '/' };
    expect(funnelFilters([
      { dimension: 'visit:country', value: 'CH' }, source, { dimension: 'event:page', value: '/pricing' },
      { dimension: 'event:props:plan', value: 'pro' }, entry,
    ])).toEqual({
      filters: [['is', 'visit:country', ['CH']], ['is', 'event:page', ['/pricing']], ['is', 'event:props:plan', ['pro']]],
      ignored: [source, entry],
    });
    expect(funnelFilters([{ dimension: 'visit:utm_campaign', value: 'spring' }]).filters).toEqual([]);
  });

  it('sizes bars against the first step', () => {
    expect(share(300, 1200)).toBe(25);
    expect(share(1200, 1200)).toBe(100);
    expect(share(0, 0)).toBe(0);
  });
});
