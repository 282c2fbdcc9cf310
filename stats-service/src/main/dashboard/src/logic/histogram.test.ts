import { describe, expect, it } from 'vitest';
import { histogram, quantile } from './histogram';

describe('histogram', () => {
  it('is empty without latencies', () => {
    expect(histogram([])).toEqual([]);
  });

  it('puts each latency in the bucket whose bounds hold it, buckets doubling from 0.5 ms', () => {
    const buckets = histogram([0.1, 0.5, 0.9, 1, 3.9, 4, 7.99]);
    expect(buckets.map((b) => [b.from, b.to])).toEqual([[0, 0.5], [0.5, 1], [1, 2], [2, 4], [4, 8]]);
    expect(buckets.map((b) => b.count)).toEqual([1, 2, 1, 1, 2]);
  });

  it('counts every latency once', () => {
    const latencies = Array.from({ length: 1000 }, (_, i) => (i * 7.3) % 250);
    const buckets = histogram(latencies);
    expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(1000);
    for (const latency of latencies) {
      expect(buckets.filter((b) => latency >= b.from && latency < b.to)).toHaveLength(1);
    }
  });
});

describe('quantile', () => {
  it('takes the nearest rank', () => {
    const latencies = [5, 1, 4, 2, 3];
    expect(quantile(latencies, 0.5)).toBe(3);
    expect(quantile(latencies, 0.99)).toBe(5);
    expect(quantile(latencies, 0)).toBe(1);
  });
});
