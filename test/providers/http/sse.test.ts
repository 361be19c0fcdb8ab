import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/providers/errors.js';
import { readSse } from '../../../src/providers/http/sse.js';

const ctx = { serviceName: 'Test' };
const encoder = new TextEncoder();

/** A body that sends each piece after its delay, then closes (or stays open when `hang`). */
function body(pieces: Array<[delayMs: number, text: string]>, hang = false): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const [delay, text] of pieces) {
        await new Promise((r) => setTimeout(r, delay));
        if (cancelled) return;
        controller.enqueue(encoder.encode(text));
      }
      if (!hang) controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

async function read(stream: ReadableStream<Uint8Array>, options: Partial<Parameters<typeof readSse>[1]> = {}) {
  const data: string[] = [];
  try {
    for await (const message of readSse(stream, { ...ctx, idleTimeoutMs: 1000, ...options })) data.push(message.data);
    return { data };
  } catch (error) {
    return { data, error: error as ProviderError };
  }
}

describe('readSse', () => {
  it('reads frames, comments and multi-line data', async () => {
    const { stream } = body([[0, ': ping\n\nevent: message\nid: 1\ndata: a\ndata: b\n\ndata: c\n\n']]);
    expect(await read(stream)).toEqual({ data: ['a\nb', 'c'] });
  });

  it('times out when no byte arrives for the idle time', async () => {
    const { stream, cancelled } = body([[0, 'data: 1\n\n'], [400, 'data: 2\n\n']]);
    const result = await read(stream, { idleTimeoutMs: 100 });
    expect(result.data).toEqual(['1']);
    expect(result.error?.code).toBe('timeout');
    await new Promise((r) => setTimeout(r, 10));
    expect(cancelled()).toBe(true);
  });

  it('keeps waiting while bytes of an unfinished frame trickle in', async () => {
    const trickle: Array<[number, string]> = Array.from('data: slow\n\n', (ch) => [40, ch]);
    const result = await read(body(trickle).stream, { idleTimeoutMs: 100 });
    expect(result).toEqual({ data: ['slow'] });
  });

  it('refuses a line longer than the buffer allows', async () => {
    const result = await read(body([[0, `data: ${'x'.repeat(5000)}`]], true).stream, { maxBufferSize: 1000 });
    expect(result.error?.code).toBe('invalid_response');
  });

  it('ends with cancelled when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const result = await read(body([[0, 'data: 1\n\n']], true).stream, { signal: controller.signal });
    expect(result.data).toEqual(['1']);
    expect(result.error?.code).toBe('cancelled');
  });

  it('maps a broken body to a network error', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('data: 1\n\n'));
        setTimeout(() => controller.error(new TypeError('terminated')), 10);
      },
    });
    const result = await read(stream);
    expect(result.error).toBeInstanceOf(ProviderError);
    expect(result.error?.code).toBe('network');
  });

  it('cancels the body on return(), even before the first frame', async () => {
    const { stream, cancelled } = body([[0, 'data: 1\n\n']], true);
    await readSse(stream, { ...ctx, idleTimeoutMs: 1000 }).return?.();
    await expect.poll(cancelled).toBe(true);
  });

  it('cancels the body when the consumer stops early', async () => {
    const { stream, cancelled } = body([[0, 'data: 1\n\ndata: 2\n\n']], true);
    for await (const message of readSse(stream, { ...ctx, idleTimeoutMs: 1000 })) {
      expect(message.data).toBe('1');
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
    expect(cancelled()).toBe(true);
  });
});
