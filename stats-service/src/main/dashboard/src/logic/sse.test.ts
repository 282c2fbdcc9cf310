import { describe, expect, it } from 'vitest';
import { parseEvents, readEvents } from './sse';

describe('parseEvents', () => {
  it('returns the data of complete messages and keeps the unfinished one', () => {
    const parsed = parseEvents(':streaming shop\n\nevent:event\nid:1\ndata:{"a":1}\n\nevent:event\nda');
    expect(parsed.data).toEqual(['{"a":1}']);
    expect(parsed.rest).toBe('event:event\nda');
  });

  it('joins multi-line data and accepts CRLF and a space after the colon', () => {
    expect(parseEvents('data: one\r\ndata: two\r\n\r\n').data).toEqual(['one\ntwo']);
  });
});

describe('readEvents', () => {
  it('reassembles messages split across chunks', async () => {
    const chunks = ['data:{"id":1}\n', '\ndata:{"id"', ':2}\n\n'];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        chunks.forEach((c) => controller.enqueue(new TextEncoder().encode(c)));
        controller.close();
      },
    });
    const seen: string[] = [];
    await readEvents(body, (data) => seen.push(data));
    expect(seen).toEqual(['{"id":1}', '{"id":2}']);
  });
});
