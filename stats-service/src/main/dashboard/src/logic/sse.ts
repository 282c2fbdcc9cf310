// Server-Sent Events read from a fetch body, so the stream can carry the apikey header, which
// the browser's EventSource cannot send.

/** Splits a growing text into complete SSE messages; returns their data and the unfinished rest. */
export function parseEvents(buffer: string): { data: string[]; rest: string } {
  const data: string[] = [];
  const messages = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = messages.pop() ?? '';
  for (const message of messages) {
    const lines = message.split('\n').filter((line) => line.startsWith('data:'));
    if (lines.length > 0) {
      data.push(lines.map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n'));
    }
  }
  return { data, rest };
}

/** Reads an SSE response body until it ends or the signal aborts, calling onData for each message. */
export async function readEvents(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    const parsed = parseEvents(buffer + decoder.decode(value, { stream: true }));
    buffer = parsed.rest;
    parsed.data.forEach(onData);
  }
}
