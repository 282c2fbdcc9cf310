import { describe, expect, it } from 'vitest';
import { change, count, countryName, millis, seconds } from './format';

describe('format', () => {
  it('writes counts with separators, and big ones compactly', () => {
    expect(count(0)).toBe('0');
    expect(count(12345)).toBe('12,345');
    expect(count(1_234_567)).toBe('1.2M');
  });

  it('writes latencies with a precision that fits them', () => {
    expect(millis(1.234)).toBe('1.2 ms');
    expect(millis(123.4)).toBe('123 ms');
    expect(millis(12_345)).toBe('12.3 s');
    expect(millis(NaN)).toBe('–');
  });

  it('writes durations in the largest useful units', () => {
    expect(seconds(42)).toBe('42 s');
    expect(seconds(125)).toBe('2 min 5 s');
    expect(seconds(7260)).toBe('2 h 1 min');
  });

  it('writes a change in percent with its sign, and says new when there was nothing before', () => {
    expect(change(120, 100)).toBe('+20 %');
    expect(change(97, 100)).toBe('−3 %');
    expect(change(100, 100)).toBe('0 %');
    expect(change(5, 0)).toBe('new');
    expect(change(0, 0)).toBe('0 %');
  });

  it('names countries with their flag, and leaves anything else as it is', () => {
    expect(countryName('CH')).toBe('🇨🇭 Switzerland');
    expect(countryName('US')).toBe('🇺🇸 United States');
    expect(countryName('(none)')).toBe('(none)');
  });
});
