import { useEffect, useState } from 'react';
import { call, type Config } from '../api';
import { endpoints, type Endpoint, type OpenApiDocument } from '../logic/openapi';

interface ServiceDocs {
  name: string;
  baseUrl: string;
  document?: OpenApiDocument;
  error?: string;
}

/** Each service's OpenAPI document (generated from its code by springdoc), rendered with curl. */
export function ApiDocs({ config }: { config: Config }) {
  const [services, setServices] = useState<ServiceDocs[]>([]);

  useEffect(() => {
    const all = [
      { name: 'ingest', baseUrl: config.ingest_url },
      { name: 'processor', baseUrl: config.processor_url },
      { name: 'stats', baseUrl: location.origin },
    ];
    Promise.all(all.map(async (service) => {
      try {
        return { ...service, document: (await call<OpenApiDocument>(`${service.baseUrl}/v3/api-docs`)).body };
      } catch (failure) {
        return { ...service, error: (failure as Error).message };
      }
    })).then(setServices);
  }, [config]);

  if (services.length === 0) {
    return <p className="muted">Loading the API documents…</p>;
  }
  return (
    <div className="docs">
      <p className="muted">Reports and the processor need the secret key: <code>export SECRET=…</code> before running these.
        Every document is also served as JSON at <code>/v3/api-docs</code> on its service.</p>
      {services.map((service) => (
        <section key={service.name} aria-label={`${service.name} API`} className="card">
          <h2>{service.document?.info?.title ?? service.name} <span className="muted">{service.baseUrl}</span></h2>
          {service.document?.info?.description && <p>{service.document.info.description}</p>}
          {service.error && <p role="alert" className="error">Could not read its document: {service.error}</p>}
          {service.document && endpoints(service.document, service.baseUrl).map((endpoint) => (
            <EndpointDoc key={`${endpoint.method} ${endpoint.path}`} endpoint={endpoint} />
          ))}
        </section>
      ))}
    </div>
  );
}

function EndpointDoc({ endpoint }: { endpoint: Endpoint }) {
  return (
    <details className="endpoint">
      <summary>
        <span className={`method ${endpoint.method.toLowerCase()}`}>{endpoint.method}</span> <code>{endpoint.path}</code>
        {' '}{endpoint.summary}{endpoint.needsKey && <span className="badge">secret key</span>}
      </summary>
      {endpoint.description && <p>{endpoint.description}</p>}
      {endpoint.parameters.length > 0 && (
        <table>
          <thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Required</th><th scope="col">Meaning</th></tr></thead>
          <tbody>
            {endpoint.parameters.map((p) => (
              <tr key={p.name}><td><code>{p.name}</code></td><td>{p.where}</td><td>{p.required ? 'yes' : 'no'}</td><td>{p.description}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>Example</h4>
      <pre><code>{endpoint.curl}</code></pre>
      {endpoint.responses.map((response) => (
        <div key={response.status}>
          <h4>{response.status} {response.description}</h4>
          {response.example && <pre><code>{response.example}</code></pre>}
        </div>
      ))}
    </details>
  );
}
