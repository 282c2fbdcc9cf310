// A request as the curl command that repeats it, for users who would rather script than click.

export interface RequestSpec {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Quotes a word for a POSIX shell: single quotes, with each ' written as '\''. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_\/:.,=@%+-]+$/.test(word)) {
    return word;
  }
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The curl command for a request; a secret key is shown as $SECRET, never in clear. */
export function curlCommand(request: RequestSpec, secret?: string): string {
  const parts = ['curl'];
  if (request.method !== 'GET') {
    parts.push('-X', request.method);
  }
  parts.push(shellQuote(request.url));
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const shown = secret && value.includes(secret) ? value.replace(secret, '$SECRET') : value;
    parts.push('-H', shown.includes('$SECRET') ? `"${name}: ${shown}"` : shellQuote(`${name}: ${shown}`));
  }
  if (request.body !== undefined) {
    parts.push('-d', shellQuote(request.body));
  }
  return parts.join(' ');
}
