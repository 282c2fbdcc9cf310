import { useEffect, useState } from 'react';
import { call } from '../api';
import { readEvents } from '../logic/sse';
import { countryName } from '../logic/format';

interface LiveEvent {
  id: number;
  event_type: string;
  path: string;
  country: string | null;
  device: string | null;
  browser: string | null;
  occurred_at: string;
}

/** How often the current-visitor count is read again. */
const VISITORS_POLL_MS = 5000;
/** How long to wait before opening the stream again. */
const RECONNECT_MS = 5000;
/** How many of the latest events are listed. */
const SHOWN = 8;

/** Current visitors (the last five minutes) and the site's events as they are processed. */
export function Live({ site, secret }: { site: string; secret: string }) {
  const [visitors, setVisitors] = useState<number | null>(null);
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [streamError, setStreamError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const read = () => call<{ visitors: number }>(`/api/v1/realtime/visitors?site_id=${encodeURIComponent(site)}`, { key: secret })
      .then((r) => live && setVisitors(r.body.visitors), () => undefined);
    read();
    const timer = setInterval(read, VISITORS_POLL_MS);
    return () => { live = false; clearInterval(timer); };
  }, [site, secret]);

  useEffect(() => {
    const abort = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    setEvents([]);
    setStreamError(null);
    // The stream ends after 30 minutes, or when the service restarts: open it again.
    const open = () => {
      fetch(`/api/v1/realtime/events?site_id=${encodeURIComponent(site)}`, { headers: { apikey: secret }, signal: abort.signal })
        .then((response) => {
          if (!response.ok || !response.body) {
            throw new Error(`${response.status} ${response.statusText}`);
          }
          setStreamError(null);
          return readEvents(response.body, (data) => {
            const event = JSON.parse(data) as LiveEvent;
            setEvents((shown) => [event, ...shown].slice(0, SHOWN));
          });
        })
        .catch((error: Error) => { if (error.name !== 'AbortError') setStreamError(error.message); })
        .finally(() => { if (!abort.signal.aborted) retry = setTimeout(open, RECONNECT_MS); });
    };
    open();
    return () => { abort.abort(); clearTimeout(retry); };
  }, [site, secret]);

  return (
    <section className="card live" aria-label="Realtime">
      <h3><span className="pulse" aria-hidden="true" /> <span data-figure="current_visitors">{visitors ?? '–'}</span> current visitors</h3>
      {streamError && <p className="error">The live stream stopped ({streamError}); trying again.</p>}
      {events.length === 0 ? (
        <p className="muted">Events appear here about a second after they are sent.</p>
      ) : (
        <table className="live-events">
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.occurred_at).toLocaleTimeString()}</td>
                <td>{e.event_type}</td>
                <td><code>{e.path}</code></td>
                <td>{e.country ? countryName(e.country) : ''}</td>
                <td>{[e.device, e.browser].filter(Boolean).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
