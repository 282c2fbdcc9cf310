import { describe, expect, it } from 'vitest';
import { curlCommand, shellQuote } from './curl';

describe('shellQuote', () => {
  it('leaves plain words alone', () => {
    expect(shellQuote('http://localhost:8081/api/v1/events')).toBe('http://localhost:8081/api/v1/events');
  });

  it('quotes words with spaces, JSON and single quotes so a shell reads them back unchanged', () => {
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('{"a":1}')).toBe(`'{"a":1}'`);
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});

describe('curlCommand', () => {
  it('writes method, URL, headers and body', () => {
    const command = curlCommand({
      method: 'POST',
      url: 'http://localhost:8081/api/v1/events',
      headers: { 'Content-Type': 'application/json' },
      body: '{"site_id":"shop"}',
    });
    expect(command).toBe(
      `curl -X POST http://localhost:8081/api/v1/events -H 'Content-Type: application/json' -d '{"site_id":"shop"}'`);
  });

  it('never prints the secret key, only $SECRET in double quotes so the shell expands it', () => {
    const command = curlCommand({ method: 'GET', url: 'http://x/api/v1/status', headers: { apikey: 's3cr3t' } }, 's3cr3t');
    expect(command).toBe('curl http://x/api/v1/status -H "apikey: $SECRET"');
    expect(command).not.toContain('s3cr3t');
  });
});
