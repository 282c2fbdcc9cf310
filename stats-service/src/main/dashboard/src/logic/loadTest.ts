// A load test run from the browser: n requests with a fixed number in flight, reporting progress
// as it goes. Browsers open about six connections per host, so more in flight would only queue.

export interface LoadResult {
  sent: number;
  failed: number;
  /** The first failure's message, to show why. */
  firstError?: string;
  elapsedMs: number;
  latenciesMs: number[];
}

export interface LoadOptions {
  total: number;
  inFlight: number;
  /** Sends request i; rejects on failure. */
  send: (index: number) => Promise<void>;
  onProgress?: (done: number, total: number) => void;
  now?: () => number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const now = options.now ?? (() => performance.now());
  const latenciesMs: number[] = [];
  let next = 0;
  let done = 0;
  let failed = 0;
  let firstError: string | undefined;
  const started = now();

  async function worker() {
    while (next < options.total) {
      const index = next++;
      const sentAt = now();
      try {
        await options.send(index);
        latenciesMs.push(now() - sentAt);
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      done++;
      options.onProgress?.(done, options.total);
    }
  }

  const workers = Math.max(1, Math.min(options.inFlight, options.total));
  await Promise.all(Array.from({ length: workers }, worker));
  return { sent: options.total - failed, failed, firstError, elapsedMs: now() - started, latenciesMs };
}

/** Requests per second, or 0 when nothing measurable happened. */
export function throughput(result: LoadResult): number {
  return result.elapsedMs > 0 ? (result.sent * 1000) / result.elapsedMs : 0;
}
