// Talks to Tally's three services. The stats service (this page's origin) answers reports;
// ingest and processor are reached at the URLs the stats service was given, across origins.

export interface Config {
  ingest_url: string;
  processor_url: string;
}

/** An answer that was not a success, with Tally's JSON error fields when it sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly field?: string,
    readonly reason?: string,
  ) {
    super(`${status} ${error}${field ? `: ${field}` : ''}${reason ? ` ${reason}` : ''}`);
  }
}

export interface Response<T> {
  status: number;
  body: T;
  elapsedMs: number;
}

export interface CallOptions {
  method?: string;
  key?: string;
  body?: string;
  contentType?: string;
  signal?: AbortSignal;
}

/** Calls a URL and parses its JSON; throws ApiError for any status outside 2xx. */
export async function call<T>(url: string, options: CallOptions = {}): Promise<Response<T>> {
  const headers: Record<string, string> = {};
  if (options.key) {
    headers.apikey = options.key;
  }
  if (options.body !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'application/json';
  }
  const started = performance.now();
  let response: globalThis.Response;
  try {
    response = await fetch(url, { method: options.method ?? 'GET', headers, body: options.body, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, 'unreachable', undefined, `${new URL(url).origin} did not answer`);
  }
  const text = await response.text();
  const elapsedMs = performance.now() - started;
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page, say): the text is shown as it is.
  }
  if (!response.ok) {
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, string>;
    throw new ApiError(response.status, fields.error ?? response.statusText, fields.field, fields.reason ?? (typeof body === 'string' ? body : undefined));
  }
  return { status: response.status, body: body as T, elapsedMs };
}

export async function loadConfig(): Promise<Config> {
  return (await call<Config>('/dashboard/config')).body;
}
