import { useEffect, useState } from 'react';
import type { Config } from '../api';
import { processQueue, status as loadStatus, type ProcessResult, type Status } from '../reports';
import { count, seconds } from '../logic/format';

/** How often the pipeline's figures are read again. */
const POLL_MS = 2000;

/** Queue depth, processing lag and rate, polled; and the seed's "Process queue" button. */
export function Pipeline({ config, secret, onProcessed, onError }: {
  config: Config; secret: string; onProcessed: () => void; onError: (error: unknown) => void;
}) {
  const [status, setStatus] = useState<Status | null>(null);
  const [processing, setProcessing] = useState(false);
  const [result, setResult] = useState<ProcessResult | null>(null);
  const [processError, setProcessError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const read = () => loadStatus(secret).then((s) => live && setStatus(s), onError);
    read();
    const timer = setInterval(read, POLL_MS);
    return () => { live = false; clearInterval(timer); };
  }, [secret, onError]);

  const process = async () => {
    setProcessing(true);
    setProcessError(null);
    try {
      setResult(await processQueue(config.processor_url, secret));
      onProcessed();
    } catch (failure) {
      setProcessError((failure as Error).message);
    } finally {
      setProcessing(false);
    }
  };

  return (
    <section className="card pipeline" aria-label="Pipeline">
      <h3>Pipeline</h3>
      {status && (
        <dl>
          <div><dt>Queued</dt><dd data-figure="queue_depth">{count(status.queue_depth)}</dd></div>
          <div><dt>Processing lag</dt><dd>{seconds(status.oldest_queued_age_seconds)}</dd></div>
          <div><dt>Processed per second</dt><dd>{count(Math.round(status.processed_per_second))}</dd></div>
          <div><dt>Events stored</dt><dd data-figure="events_stored">{count(status.events_stored)}</dd></div>
        </dl>
      )}
      <button type="button" onClick={process} disabled={processing}>{processing ? 'Processing…' : 'Process queue'}</button>
      {result && <p role="status">Processed {count(result.processed)} events over {result.aggregated_days} days ({result.duplicates} duplicates dropped).</p>}
      {processError && <p role="alert" className="error">The processor: {processError}</p>}
    </section>
  );
}
