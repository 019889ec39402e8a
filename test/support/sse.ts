/** Reads a Server-Sent Events answer event by event, as an EventSource would. */

export interface EventStream {
  readonly response: Response;
  /** The next event of this type (skipping others), or an error if the stream ends first. */
  nextEvent(type: string): Promise<Record<string, unknown>>;
  /** Resolves once the server has ended the stream. */
  ended(): Promise<void>;
  /** Everything not yet taken by nextEvent, once the server has ended (e.g. a problem's JSON). */
  rest(): Promise<string>;
  close(): void;
}

export async function openEventStream(url: string): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const decoder = new TextDecoder();
  let buffer = '';
  let done = false;
  const read = async () => {
    const chunk = await reader.read();
    if (chunk.done) done = true;
    else buffer += decoder.decode(chunk.value, { stream: true });
  };
  return {
    response,
    async nextEvent(type) {
      for (;;) {
        const match = new RegExp(`event: ${type}\\n(?:id: \\d+\\n)?data: (.*)\\n\\n`).exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return JSON.parse(match[1]!) as Record<string, unknown>;
        }
        if (done) throw new Error(`stream ended before a ${type} event`);
        await read();
      }
    },
    async ended() {
      while (!done) await read();
    },
    async rest() {
      while (!done) await read();
      return buffer;
    },
    close: () => controller.abort(),
  };
}
