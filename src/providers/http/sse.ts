import type { ReadableStreamReadResult } from 'node:stream/web';
import type { EventSourceMessage } from 'eventsource-parser';
import { EventSourceParserStream, ParseError } from 'eventsource-parser/stream';
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
 * Response body bytes -> text -> SSE frames. Throws ProviderError: `network` when the connection breaks,
 * `timeout` when idle, `invalid_response` past the buffer limit, `cancelled` on abort.
 * `return()` (called by `for await` on an early exit) cancels the body, which closes the connection; the pipeline
 * is built at once so that this works even before the first frame is asked for.
 */
export function readSse(body: ReadableStream<Uint8Array>, options: SseOptions): AsyncIterableIterator<EventSourceMessage> {
  let lastByteAt = Date.now();
  const tap = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      lastByteAt = Date.now();
      controller.enqueue(chunk);
    },
  });
  const reader = body
    .pipeThrough(tap)
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(endFinalCr())
    .pipeThrough(new EventSourceParserStream({ maxBufferSize: options.maxBufferSize ?? DEFAULT_SSE_MAX_BUFFER }))
    .getReader();
  const close = () => void reader.cancel().catch(() => undefined);
  const finished = { done: true, value: undefined } as const;

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      try {
        const result = await readWithin(reader, options, () => lastByteAt);
        if (result.done) return finished;
        return { done: false, value: result.value };
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

/**
 * The parser holds a trailing "\r" until it sees whether "\n" follows, and has no flush: at the end of a
 * CR-only stream the last event would be lost. The stream's end settles it as a line end.
 */
function endFinalCr(): TransformStream<string, string> {
  let endsWithCr = false;
  return new TransformStream({
    transform(chunk, controller) {
      if (chunk.length > 0) endsWithCr = chunk.endsWith('\r');
      controller.enqueue(chunk);
    },
    flush(controller) {
      if (endsWithCr) controller.enqueue('\n');
    },
  });
}

function readWithin<T>(reader: ReadableStreamDefaultReader<T>, options: SseOptions, lastByteAt: () => number): Promise<ReadableStreamReadResult<T>> {
  const { signal, idleTimeoutMs } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError(signal.reason));
    const waitStart = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    // Bytes may have arrived for a frame not yet complete: measure from the latest of them.
    const check = () => {
      const idleFor = Date.now() - Math.max(lastByteAt(), waitStart);
      if (idleFor >= idleTimeoutMs) fail(timeoutError(options, idleTimeoutMs));
      else timer = setTimeout(check, idleTimeoutMs - idleFor);
    };
    const onAbort = () => fail(cancelledError(signal?.reason));
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: ProviderError) => {
      cleanup();
      reject(error);
    };
    timer = setTimeout(check, idleTimeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    reader.read().then(
      (result) => {
        cleanup();
        resolve(result);
      },
      (error: unknown) => {
        cleanup();
        reject(mapReadError(error, options));
      },
    );
  });
}

function mapReadError(error: unknown, options: SseOptions): ProviderError {
  if (options.signal?.aborted) return cancelledError(options.signal.reason);
  if (error instanceof ParseError) return invalidResponseError(options, `stream: ${error.message}`, error);
  return errorFromException(error, options, 'stream');
}
