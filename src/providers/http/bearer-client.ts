import { createHttpClient, type FetchFunction, type HttpClient } from './http-client.js';
import type { RetryOptions } from './retry-policy.js';

/** How a JSON API with a bearer key is reached (Jarvis, the browser agent, jobs): each adapter's client options. */
export interface BearerClientOptions {
  apiKey: string;
  /** The API's base as its document's examples use it. */
  baseURL: string;
  fetch?: FetchFunction;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Per attempt (default 30 s). */
  timeoutMs?: number;
  /** Back-off timing of retries; tests shorten it. */
  retry?: Partial<Omit<RetryOptions, 'maxRetries'>>;
}

/** An HTTP client that sends the key as `Authorization: Bearer` and names `serviceName` (never the key) in errors. */
export function createBearerClient(serviceName: string, options: BearerClientOptions): HttpClient {
  return createHttpClient({
    serviceName,
    secrets: [options.apiKey],
    baseURL: options.baseURL,
    headers: { authorization: `Bearer ${options.apiKey}` },
    fetch: options.fetch,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: options.retry,
  });
}
