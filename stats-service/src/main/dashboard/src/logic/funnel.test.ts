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

  it('takes the filters of dimensions that raw events carry, and says when it cannot', () => {
    expect(funnelFilters(null)).toEqual([]);
    expect(funnelFilters({ dimension: 'visit:country', value: 'CH' })).toEqual([['is', 'visit:country', ['CH']]]);
    expect(funnelFilters({ dimension: 'event:page', value: '/pricing' })).toEqual([['is', 'event:page', ['/pricing']]]);
    expect(funnelFilters({ dimension: 'visit:source', value: 'Google' })).toBeNull();
    expect(funnelFilters({ dimension: 'event:props:plan', value: 'pro' })).toBeNull();
  });

  it('sizes bars against the first step', () => {
    expect(share(300, 1200)).toBe(25);
    expect(share(1200, 1200)).toBe(100);
    expect(share(0, 0)).toBe(0);
  });
});
