import { createBearerClient, type BearerClientOptions } from '../http/bearer-client.js';
import type { ErrorContext } from '../http/http-error.js';
import {
  jarvisHistoryResponseSchema,
  jarvisInvokeResponseSchema,
  jarvisStatusResponseSchema,
  type JarvisHistoryQuery,
  type JarvisHistoryResponse,
  type JarvisInvokeBody,
  type JarvisInvokeResponse,
  type JarvisStatusResponse,
} from './jarvis-schemas.js';

export interface JarvisClientOptions extends BearerClientOptions {
  /** The host as the document's examples use it, e.g. "https://your-jarvis-host" (paths start with /agents). */
  baseURL: string;
}

export interface JarvisClient {
  /** `POST /agents/invoke`. Never resent once it may have reached Jarvis (a second invoke is a second task). */
  invoke(body: JarvisInvokeBody, signal?: AbortSignal): Promise<JarvisInvokeResponse>;
  /** `GET /agents/status/{id}`: retried like any read. */
  status(taskId: string, signal?: AbortSignal): Promise<JarvisStatusResponse>;
  /** `GET /agents/history`. */
  history(query: JarvisHistoryQuery, signal?: AbortSignal): Promise<JarvisHistoryResponse>;
  /** For errors built outside the client: names Jarvis and hides the key. */
  readonly errorContext: ErrorContext;
}

export const JARVIS_SERVICE_NAME = 'Jarvis';

export function createJarvisClient(options: JarvisClientOptions): JarvisClient {
  const http = createBearerClient(JARVIS_SERVICE_NAME, options);

  return {
    errorContext: http.context,
    invoke(body, signal) {
      // idempotent: false lets the shared retry policy resend only what certainly did not reach Jarvis (a 429, a refused connection).
      return http.json({ method: 'POST', path: '/agents/invoke', body, signal, idempotent: false, label: 'invoke answer' }, jarvisInvokeResponseSchema);
    },
    status(taskId, signal) {
      return http.json({ method: 'GET', path: `/agents/status/${encodeURIComponent(taskId)}`, signal, label: 'task status' }, jarvisStatusResponseSchema);
    },
    history(query, signal) {
      return http.json({ method: 'GET', path: '/agents/history', query: { ...query }, signal, label: 'task history' }, jarvisHistoryResponseSchema);
    },
  };
}
