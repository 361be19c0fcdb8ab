import type { ReadableStreamReadResult } from 'node:stream/web';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { ProviderError } from '../errors.js';
import { errorFromException, invalidResponseError, timeoutError, type ErrorContext } from './http-error.js';
import { cancelledError } from './retry-policy.js';

export type { EventSourceMessage };

export interface SseOptions extends ErrorContext {
  signal?: AbortSignal;
  /** No byte for this long while a frame is awaited -> `timeout`. */
  idleTimeoutMs: number;
  /** Most characters buffered for one line or event before the stream is refused (`invalid_response`). */
  maxBufferSize?: number;
}

export const DEFAULT_SSE_MAX_BUFFER = 1_000_000;

/**
 * Response body bytes -> text -> SSE frames, in one read loop (a chain of web TransformStreams cost about five times
 * the CPU per frame: `bench/sse-micro.ts`). Throws ProviderError: `network` when the connection breaks, `timeout`
 * when idle, `invalid_response` past the buffer limit, `cancelled` on abort. `return()` (called by `for await` on an
 * early exit) cancels the body, which closes the connection, even before the first frame is asked for.
 */
export function readSse(body: ReadableStream<Uint8Array>, options: SseOptions): AsyncIterableIterator<EventSourceMessage> {
  const reader = body.getReader();
  // Not fatal: invalid UTF-8 from upstream becomes U+FFFD instead of failing the run.
  const decoder = new TextDecoder();
  const frames: EventSourceMessage[] = [];
  let fatal: ProviderError | undefined;
  const parser = createParser({
    onEvent: (event) => void frames.push(event),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') fatal ??= invalidResponseError(options, `stream: ${error.message}`, error);
    },
    maxBufferSize: options.maxBufferSize ?? DEFAULT_SSE_MAX_BUFFER,
  });
  let endsWithCr = false;
  let ended = false;
  const feed = (text: string) => {
    if (text.length > 0) endsWithCr = text.endsWith('\r');
    try {
      parser.feed(text);
    } catch (error) {
      fatal ??= invalidResponseError(options, `stream: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  };
  const close = () => void reader.cancel().catch(() => undefined);
  const finished = { done: true, value: undefined } as const;

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      try {
        for (;;) {
          if (fatal) throw fatal;
          const frame = frames.shift();
          if (frame) return { done: false, value: frame };
          if (ended) return finished;
          const result = await readWithin(reader, options);
          if (result.done) {
            ended = true;
            feed(decoder.decode());
            // The parser holds a trailing "\r" until it sees whether "\n" follows, and has no flush: at the end of a
            // CR-only stream the last event would be lost. The stream's end settles it as a line end.
            if (endsWithCr) feed('\n');
          } else {
            feed(decoder.decode(result.value, { stream: true }));
          }
        }
      } catch (error) {
        close();
        throw error;
      }
    },
    async return() {
      close();
      return finished;
    },
  };
}

/** One read, given up after `idleTimeoutMs` without a byte, or when the signal aborts. */
function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, options: SseOptions): Promise<ReadableStreamReadResult<Uint8Array>> {
  const { signal, idleTimeoutMs } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError(signal.reason));
    const onAbort = () => fail(cancelledError(signal?.reason));
    const timer = setTimeout(() => fail(timeoutError(options, idleTimeoutMs)), idleTimeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: ProviderError) => {
      cleanup();
      reject(error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    reader.read().then(
      (result) => {
        cleanup();
        resolve(result);
      },
      (error: unknown) => {
        cleanup();
        reject(options.signal?.aborted ? cancelledError(options.signal.reason) : errorFromException(error, options, 'stream'));
      },
    );
  });
}
