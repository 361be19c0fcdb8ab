import type { z } from 'zod';
import { ProviderError } from '../errors.js';
import { errorFromException, errorFromStatus, invalidResponseError, timeoutError, type ErrorContext } from './http-error.js';
import {
  cancelledError,
  defaultRetryOptions,
  isIdempotentMethod,
  isRetryableNetworkError,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
  type RetryOptions,
} from './retry-policy.js';

export type FetchFunction = typeof globalThis.fetch;

export interface HttpClientOptions extends ErrorContext {
  /** e.g. "https://api.jasper.ai/v1" (no trailing slash needed). */
  baseURL: string;
  /** Sent on every request (auth goes here). */
  headers: Record<string, string>;
  fetch?: FetchFunction;
  maxRetries?: number;
  /** Per attempt: until the whole body is read for JSON, until the headers for streams. */
  timeoutMs?: number;
  retry?: Partial<Omit<RetryOptions, 'maxRetries'>>;
}

export type QueryValue = string | number | boolean | undefined;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Appended to the base URL, e.g. "/tasks/abc", or a template such as "/tasks/{task_id}" filled from `pathParams`. */
  path: string;
  /** Values for the `{name}` placeholders of `path`, URL-encoded when filled in. */
  pathParams?: Record<string, string>;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as `multipart/form-data` instead of `body` (fetch writes the content type with its boundary). */
  form?: FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Whether the request may be sent again after it may have reached the upstream. Default: by method. */
  idempotent?: boolean;
  /** Names the response in invalid_response messages, e.g. "task list". */
  label?: string;
}

export interface HttpClient {
  /** Sends the request (with retries) and parses the JSON body with the schema. */
  json<T>(request: HttpRequest, schema: z.ZodType<T>): Promise<T>;
  /** Sends the request (with retries) and returns the successful response with its body unread; the caller's signal governs the body. */
  open(request: HttpRequest): Promise<Response>;
  /** Sends the request (with retries) and returns the successful response's body as text (possibly empty), read within the time-out. */
  text(request: HttpRequest): Promise<string>;
  readonly context: ErrorContext;
}

/** "/tasks/{task_id}" with `{ task_id: "a b" }` -> "/tasks/a%20b". A placeholder without a value is an error in our code. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for the path parameter "${name}" of ${path}`);
    return encodeURIComponent(value);
  });
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: ProviderError; retryable: boolean; retryAfterMs?: number };

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const retry: RetryOptions = { ...defaultRetryOptions, ...options.retry, maxRetries: options.maxRetries ?? defaultRetryOptions.maxRetries };
  const context: ErrorContext = { serviceName: options.serviceName, secrets: options.secrets };
  const base = options.baseURL.replace(/\/+$/, '');

  function urlOf(request: HttpRequest): string {
    const url = new URL(base + fillPath(request.path, request.pathParams));
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  async function attempt<T>(request: HttpRequest, consume: (response: Response) => Promise<T>, streaming: boolean): Promise<Attempt<T>> {
    const idempotent = request.idempotent ?? isIdempotentMethod(request.method);
    // Not AbortSignal.timeout: a stream's body must outlive the deadline for its headers, and that signal cannot be disarmed.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException('The request timed out.', 'TimeoutError')), timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers, ...request.headers };
      if (request.body !== undefined && request.form === undefined) headers['content-type'] = 'application/json';
      const response = await fetchImpl(urlOf(request), {
        method: request.method,
        headers,
        body: request.form ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
        signal,
      });
      if (streaming && response.ok) clearTimeout(timer);
      if (!response.ok) {
        const body = await response.text().catch(() => '');
        const retryAfterMs = parseRetryAfter(response.headers);
        const requestId = response.headers.get('x-request-id') ?? undefined;
        const error = errorFromStatus({ status: response.status, body, requestId, retryAfterMs }, context);
        return { ok: false, error, retryable: isRetryableStatus(response.status, idempotent), retryAfterMs };
      }
      return { ok: true, value: await consume(response) };
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      if (request.signal?.aborted) throw cancelledError(request.signal.reason);
      if (deadline.signal.aborted) return { ok: false, error: timeoutError(context, timeoutMs), retryable: idempotent };
      return { ok: false, error: errorFromException(error, context), retryable: isRetryableNetworkError(error, idempotent) };
    } finally {
      clearTimeout(timer);
    }
  }

  async function send<T>(request: HttpRequest, consume: (response: Response) => Promise<T>, streaming: boolean): Promise<T> {
    for (let retryIndex = 0; ; retryIndex++) {
      if (request.signal?.aborted) throw cancelledError(request.signal.reason);
      const result = await attempt(request, consume, streaming);
      if (result.ok) return result.value;
      if (!result.retryable || retryIndex >= retry.maxRetries) throw result.error;
      const delay = retryDelay(retryIndex, result.retryAfterMs, retry);
      if (delay === undefined) throw result.error;
      await retry.sleep(delay, request.signal);
    }
  }

  return {
    context,
    json<T>(request: HttpRequest, schema: z.ZodType<T>): Promise<T> {
      return send(
        request,
        async (response) => {
          const text = await response.text();
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch (error) {
            throw invalidResponseError(context, `${request.label ?? 'response'} is not JSON`, error);
          }
          const parsed = schema.safeParse(json);
          if (!parsed.success) {
            const first = parsed.error.issues[0];
            const where = first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'unexpected shape';
            throw invalidResponseError(context, `${request.label ?? 'response'}, ${where}`, parsed.error);
          }
          return parsed.data;
        },
        false,
      );
    },
    open(request: HttpRequest): Promise<Response> {
      return send(request, async (response) => response, true);
    },
    text(request: HttpRequest): Promise<string> {
      return send(request, (response) => response.text(), false);
    },
  };
}
