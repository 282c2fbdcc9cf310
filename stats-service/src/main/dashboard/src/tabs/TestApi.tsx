import { useState, type FormEvent } from 'react';
import { ApiError, call, type Config } from '../api';
import { curlCommand, type RequestSpec } from '../logic/curl';
import { millis } from '../logic/format';
import { LoadTest } from '../parts/LoadTest';

interface Sent {
  request: RequestSpec;
  status: number;
  body: string;
  elapsedMs?: number;
}

/** Send one event built in a form and see the exchange; or run a load test. */
export function TestApi({ config }: { config: Config; secret: string }) {
  const [siteId, setSiteId] = useState('my-site');
  const [eventType, setEventType] = useState('page_view');
  const [path, setPath] = useState('/');
  const [userId, setUserId] = useState('');
  const [props, setProps] = useState('');
  const [sent, setSent] = useState<Sent | null>(null);
  const [sending, setSending] = useState(false);
  const [propsError, setPropsError] = useState<string | null>(null);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    let parsedProps: unknown;
    if (props.trim()) {
      try {
        parsedProps = JSON.parse(props);
      } catch {
        setPropsError('props must be a JSON object, e.g. {"plan": "pro"}');
        return;
      }
    }
    setPropsError(null);
    const body = JSON.stringify({
      site_id: siteId, event_type: eventType, path, ...(userId ? { user_id: userId } : {}),
      ...(parsedProps !== undefined ? { props: parsedProps } : {}),
    });
    const request: RequestSpec = {
      method: 'POST', url: `${config.ingest_url}/api/v1/events`, headers: { 'Content-Type': 'application/json' }, body,
    };
    setSending(true);
    try {
      const response = await call<unknown>(request.url, { method: 'POST', body });
      setSent({ request, status: response.status, body: JSON.stringify(response.body, null, 2), elapsedMs: response.elapsedMs });
    } catch (failure) {
      const error = failure as ApiError;
      setSent({ request, status: error.status ?? 0, body: error.message });
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="test-api">
      <section className="card" aria-label="Send one event">
        <h2>Send one event</h2>
        <form onSubmit={send} className="event-form">
          <label>site_id <input value={siteId} onChange={(e) => setSiteId(e.target.value)} required /></label>
          <label>event_type <input value={eventType} onChange={(e) => setEventType(e.target.value)} required /></label>
          <label>path <input value={path} onChange={(e) => setPath(e.target.value)} /></label>
          <label>user_id <input value={userId} onChange={(e) => setUserId(e.target.value)} placeholder="anonymous" /></label>
          <label className="wide">props (JSON) <input value={props} onChange={(e) => setProps(e.target.value)} placeholder='{"plan": "pro"}' /></label>
          {propsError && <p role="alert" className="error wide">{propsError}</p>}
          <button type="submit" disabled={sending}>{sending ? 'Sending…' : 'Send event'}</button>
        </form>
        {sent && (
          <div className="exchange">
            <h3>Request</h3>
            <pre><code>{curlCommand(sent.request)}</code></pre>
            <h3>Response <span className={sent.status >= 200 && sent.status < 300 ? 'ok' : 'error'} data-status={sent.status}>
              {sent.status || 'no answer'}</span>{sent.elapsedMs !== undefined && <span className="muted"> in {millis(sent.elapsedMs)}</span>}</h3>
            <pre aria-label="Response body"><code>{sent.body}</code></pre>
          </div>
        )}
      </section>
      <LoadTest config={config} />
    </div>
  );
}
