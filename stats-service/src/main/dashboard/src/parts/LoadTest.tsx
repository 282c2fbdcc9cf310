import { useMemo, useState } from 'react';
import { call, type Config } from '../api';
import { histogram, quantile } from '../logic/histogram';
import { runLoad, throughput, type LoadResult } from '../logic/loadTest';
import { count, millis } from '../logic/format';
import { Chart } from './Chart';

const SIZES = [100, 1_000, 10_000];
/** Requests in flight: about what a browser opens to one host. */
const IN_FLIGHT = 6;

/** Sends N single events to ingest, as the seed's load test did, and shows how it went. */
export function LoadTest({ config }: { config: Config }) {
  const [siteId, setSiteId] = useState('load-test');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<LoadResult | null>(null);

  const run = async (total: number) => {
    setResult(null);
    setProgress({ done: 0, total });
    const url = `${config.ingest_url}/functions/v1/ingest-event`;
    const finished = await runLoad({
      total,
      inFlight: IN_FLIGHT,
      send: async (index) => {
        await call(url, {
          method: 'POST',
          body: JSON.stringify({ site_id: siteId, event_type: 'page_view', path: `/load-test/${index % 20}`, user_id: `load-${index % 500}` }),
        });
      },
      onProgress: (done) => { if (done % 10 === 0 || done === total) setProgress({ done, total }); },
    });
    setResult(finished);
  };

  const running = progress !== null && progress.done < progress.total;
  return (
    <section className="card" aria-label="Load test">
      <h2>Load test</h2>
      <p className="muted">Sends single events to <code>{config.ingest_url}/functions/v1/ingest-event</code>, {IN_FLIGHT} at a time.</p>
      <div className="controls">
        <label>site_id <input value={siteId} onChange={(e) => setSiteId(e.target.value)} /></label>
        {SIZES.map((size) => (
          <button key={size} type="button" disabled={running} onClick={() => run(size)}>{`Send ${count(size)} events`}</button>
        ))}
      </div>
      {progress && (
        <progress max={progress.total} value={progress.done} aria-label="Load test progress">
          {progress.done} of {progress.total}
        </progress>
      )}
      {result && <LoadSummary result={result} />}
    </section>
  );
}

function LoadSummary({ result }: { result: LoadResult }) {
  const buckets = useMemo(() => histogram(result.latenciesMs), [result]);
  const x = useMemo(() => buckets.map((_, i) => i), [buckets]);
  const labels = useMemo(() => buckets.map((b) => `<${millis(b.to)}`), [buckets]);
  const series = useMemo(() => [{ label: 'requests', values: buckets.map((b) => b.count), color: '#4f6bed' }], [buckets]);
  return (
    <div className="load-result" role="status">
      <dl>
        <div><dt>Accepted</dt><dd data-figure="load_sent">{count(result.sent)}</dd></div>
        <div><dt>Failed</dt><dd data-figure="load_failed">{count(result.failed)}</dd></div>
        <div><dt>Throughput</dt><dd>{count(Math.round(throughput(result)))} events/s</dd></div>
        <div><dt>Median</dt><dd>{millis(quantile(result.latenciesMs, 0.5))}</dd></div>
        <div><dt>p99</dt><dd>{millis(quantile(result.latenciesMs, 0.99))}</dd></div>
      </dl>
      {result.firstError && <p className="error">First failure: {result.firstError}</p>}
      {buckets.length > 0 && <Chart title="Latency histogram" x={x} xLabels={labels} xName="Latency" series={series} bars height={180} />}
    </div>
  );
}
