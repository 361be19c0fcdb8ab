import { z } from 'zod';
import { createHttpClient, type FetchFunction, type HttpClient } from '../http/http-client.js';
import { errorFromStatus, invalidResponseError, type ErrorContext } from '../http/http-error.js';
import type { RetryOptions } from '../http/retry-policy.js';
import { readSse, type EventSourceMessage } from '../http/sse.js';
import {
  jasperKnowledgeListSchema,
  jasperCommandResponseSchema,
  type JasperCommandResponse,
  jasperRunResponseSchema,
  jasperTaskListSchema,
  jasperTaskResponseSchema,
  type JasperKnowledgeList,
  type JasperRunBody,
  type JasperRunResponse,
  type JasperTask,
  type JasperTaskList,
  type JasperTaskListQuery,
} from './jasper-schemas.js';

export const JASPER_DEFAULT_BASE_URL = 'https://api.jasper.ai/v1';

export interface JasperClientOptions {
  apiKey: string;
  baseURL?: string;
  fetch?: FetchFunction;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Per attempt (default 60 s); for a run, until its stream opens. */
  timeoutMs?: number;
  /** A run stream that sends no byte for this long fails with `timeout` (default 120 s). */
  streamIdleTimeoutMs?: number;
  /** Most characters one SSE line or event may hold (default 1,000,000). */
  maxStreamBufferSize?: number;
  /** Back-off timing; tests shorten it. */
  retry?: Partial<Omit<RetryOptions, 'maxRetries'>>;
}

export interface JasperClient {
  listTasks(query: JasperTaskListQuery, signal?: AbortSignal): Promise<JasperTaskList>;
  getTask(id: string, signal?: AbortSignal): Promise<JasperTask>;
  /** Synchronous run: waits for the whole output. Never retried once it may have reached Jasper. */
  runTask(id: string, body: JasperRunBody, signal?: AbortSignal): Promise<JasperRunResponse>;
  /**
   * Starts a streaming run. Resolves once Jasper accepted it (HTTP 200) with the stream's SSE messages;
   * both the call and the iteration throw ProviderError. Call `return()` to close a stream not read to its end.
   */
  streamTask(id: string, body: JasperRunBody, signal: AbortSignal): Promise<AsyncIterableIterator<EventSourceMessage>>;
  listKnowledge(query: { q?: string; page?: number; size?: number }, signal?: AbortSignal): Promise<JasperKnowledgeList>;
  /** `POST /command`: a free-text completion. Not resent once it may have reached Jasper (it is billed). */
  command(command: string, signal?: AbortSignal): Promise<JasperCommandResponse>;
  /** For errors built outside the client (stream frames): names Jasper and hides the key. */
  readonly errorContext: ErrorContext;
}

const SERVICE = 'Jasper';

export function createJasperClient(options: JasperClientOptions): JasperClient {
  const http: HttpClient = createHttpClient({
    serviceName: SERVICE,
    secrets: [options.apiKey],
    baseURL: options.baseURL ?? JASPER_DEFAULT_BASE_URL,
    headers: { 'x-api-key': options.apiKey },
    fetch: options.fetch,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
  });
  const idleTimeoutMs = options.streamIdleTimeoutMs ?? 120_000;
  const taskPath = (id: string) => `/tasks/${encodeURIComponent(id)}`;

  return {
    errorContext: http.context,
    listTasks(query, signal) {
      return http.json({ method: 'GET', path: '/tasks', query: { ...query }, signal, label: 'task list' }, jasperTaskListSchema);
    },
    async getTask(id, signal) {
      const response = await http.json({ method: 'GET', path: taskPath(id), signal, label: 'task' }, jasperTaskResponseSchema);
      return response.data;
    },
    runTask(id, body, signal) {
      return http.json({ method: 'POST', path: `${taskPath(id)}/run`, body, signal, idempotent: false, label: 'run result' }, jasperRunResponseSchema);
    },
    async streamTask(id, body, signal) {
      const response = await http.open({
        method: 'POST',
        path: `${taskPath(id)}/run/stream`,
        body,
        signal,
        idempotent: false,
        headers: { accept: 'text/event-stream' },
      });
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('text/event-stream') || !response.body) throw await notAStream(response, type, http.context);
      return readSse(response.body, {
        ...http.context,
        signal,
        idleTimeoutMs,
        maxBufferSize: options.maxStreamBufferSize,
      });
    },
    listKnowledge(query, signal) {
      return http.json({ method: 'GET', path: '/knowledge', query, signal, label: 'knowledge list' }, jasperKnowledgeListSchema);
    },
    command(command, signal) {
      return http.json(
        { method: 'POST', path: '/command', body: { inputs: { command } }, signal, idempotent: false, label: 'command answer' },
        jasperCommandResponseSchema,
      );
    },
  };
}

const statusBody = z.looseObject({ statusCode: z.number() });

/** A 200 that is not a stream: an error object in JSON is mapped by its own status, anything else is unreadable. */
async function notAStream(response: Response, type: string, context: ErrorContext) {
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = statusBody.safeParse(json);
  if (parsed.success && parsed.data.statusCode >= 400) return errorFromStatus({ status: parsed.data.statusCode, body: text }, context);
  return invalidResponseError(context, `expected an event stream, got "${type || 'no content type'}"`);
}
