import type { Config } from '../api';
import { curlCommand } from '../logic/curl';

/** The empty state: no site has processed events yet, so show how to send the first ones. */
export function FirstEvent({ config, onRefresh }: { config: Config; onRefresh: () => void }) {
  const snippet = `<script defer data-site="my-site" src="${config.ingest_url}/t.js"></script>`;
  const example = curlCommand({
    method: 'POST',
    url: `${config.ingest_url}/api/v1/events`,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ site_id: 'my-site', event_type: 'page_view', path: '/' }),
  });
  return (
    <section className="card empty" aria-label="No data yet">
      <h2>No events yet</h2>
      <p>To count a website's visits, paste this line into every page (with your own site id):</p>
      <pre><code>{snippet}</code></pre>
      <p>Or send an event from a terminal, or with the <a href="#test">Test API</a> tab:</p>
      <pre><code>{example}</code></pre>
      <p className="muted">The processor counts events within a second; then refresh.</p>
      <button type="button" onClick={onRefresh}>Refresh</button>
    </section>
  );
}
