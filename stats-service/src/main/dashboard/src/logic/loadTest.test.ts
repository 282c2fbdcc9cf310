import { describe, expect, it } from 'vitest';
import { runLoad, throughput } from './loadTest';

describe('runLoad', () => {
  it('sends every request once, never more in flight than asked, and reports progress to the end', async () => {
    const seen: number[] = [];
    const progress: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const result = await runLoad({
      total: 50,
      inFlight: 4,
      send: async (index) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await Promise.resolve();
        seen.push(index);
        inFlight--;
      },
      onProgress: (done) => progress.push(done),
    });
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(maxInFlight).toBe(4);
    expect(progress).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(result.sent).toBe(50);
    expect(result.failed).toBe(0);
    expect(result.latenciesMs).toHaveLength(50);
  });

  it('counts failures, keeps the first message, and measures time with the given clock', async () => {
    let clock = 0;
    const result = await runLoad({
      total: 10,
      inFlight: 1,
      now: () => clock,
      send: async (index) => {
        clock += 10;
        if (index % 5 === 0) {
          throw new Error(`503 on ${index}`);
        }
      },
    });
    expect(result.sent).toBe(8);
    expect(result.failed).toBe(2);
    expect(result.firstError).toBe('503 on 0');
    expect(result.elapsedMs).toBe(100);
    expect(result.latenciesMs).toEqual(Array(8).fill(10));
    expect(throughput(result)).toBe(80);
  });
});
