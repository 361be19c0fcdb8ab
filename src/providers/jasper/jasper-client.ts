import { z } from 'zod';
import { ProviderError } from '../errors.js';
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
import {
  jasperAudienceListSchema,
  jasperStyleListSchema,
  jasperToneListSchema,
  type JasperAudienceList,
  type JasperStyleList,
  type JasperToneList,
} from './brand-schemas.js';
import { jasperKnowledgeCreatedSchema, jasperKnowledgeDeletedSchema, knowledgeForm, type JasperKnowledgeDocument, type JasperKnowledgeUpload } from './knowledge.js';
import {
  jasperTemplateListSchema,
  jasperTemplateResponseSchema,
  jasperTemplateRunResponseSchema,
  type JasperTemplate,
  type JasperTemplateList,
  type JasperTemplateRunBody,
  type JasperTemplateRunResponse,
} from './template-schemas.js';
import { jasperUsageSchema, type JasperUsage, type UsageGranularity } from './usage.js';

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
  /** `GET /tones`; `page` only when following a `pagination.next`. */
  listTones(query: { page?: number }, signal?: AbortSignal): Promise<JasperToneList>;
  /** `GET /audiences?page=&size=`. */
  listAudiences(query: { page?: number; size?: number }, signal?: AbortSignal): Promise<JasperAudienceList>;
  /** `GET /styles`; `page` only when following a `pagination.next`. */
  listStyles(query: { page?: number }, signal?: AbortSignal): Promise<JasperStyleList>;
  /** `GET /usage?start=&end=&granularity=` (all three required by Jasper). */
  usage(query: { start: Date; end: Date; granularity: UsageGranularity }, signal?: AbortSignal): Promise<JasperUsage>;
  /** `POST /knowledge` (multipart) -> the new item, `processingState` e.g. "InProgress". Not resent once it may have reached Jasper. */
  uploadKnowledge(upload: JasperKnowledgeUpload, signal?: AbortSignal): Promise<JasperKnowledgeDocument>;
  /** `DELETE /knowledge/{id}`; throws unless Jasper says it was deleted. */
  deleteKnowledge(id: string, signal?: AbortSignal): Promise<void>;
  /** `GET /templates`; `page` only when following a `pagination.next`. */
  listTemplates(query: { page?: number }, signal?: AbortSignal): Promise<JasperTemplateList>;
  getTemplate(id: string, signal?: AbortSignal): Promise<JasperTemplate>;
  /** `POST /templates/{id}/run`: waits for the whole output. Never retried once it may have reached Jasper. */
  runTemplate(id: string, body: JasperTemplateRunBody, signal?: AbortSignal): Promise<JasperTemplateRunResponse>;
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
  const templatePath = (id: string) => `/templates/${encodeURIComponent(id)}`;

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
    listTones(query, signal) {
      return http.json({ method: 'GET', path: '/tones', query, signal, label: 'tone list' }, jasperToneListSchema);
    },
    listAudiences(query, signal) {
      return http.json({ method: 'GET', path: '/audiences', query, signal, label: 'audience list' }, jasperAudienceListSchema);
    },
    listStyles(query, signal) {
      return http.json({ method: 'GET', path: '/styles', query, signal, label: 'style guide list' }, jasperStyleListSchema);
    },
    usage({ start, end, granularity }, signal) {
      const query = { start: start.toISOString(), end: end.toISOString(), granularity };
      return http.json({ method: 'GET', path: '/usage', query, signal, label: 'usage' }, jasperUsageSchema);
    },
    async uploadKnowledge(upload, signal) {
      const request = { method: 'POST', path: '/knowledge', form: knowledgeForm(upload), signal, idempotent: false, label: 'created knowledge' } as const;
      return (await http.json(request, jasperKnowledgeCreatedSchema)).data;
    },
    async deleteKnowledge(id, signal) {
      const text = await http.text({ method: 'DELETE', path: `/knowledge/${encodeURIComponent(id)}`, signal, label: 'knowledge deletion' });
      if (text.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw invalidResponseError(http.context, 'knowledge deletion is not JSON', error);
      }
      const parsed = jasperKnowledgeDeletedSchema.safeParse(json);
      if (!parsed.success) throw invalidResponseError(http.context, 'knowledge deletion, no "deleted" field', parsed.error);
      if (!parsed.data.deleted) throw new ProviderError('upstream', `${SERVICE} did not delete the knowledge item (it answered deleted: false).`);
    },
    listTemplates(query, signal) {
      return http.json({ method: 'GET', path: '/templates', query, signal, label: 'template list' }, jasperTemplateListSchema);
    },
    async getTemplate(id, signal) {
      return (await http.json({ method: 'GET', path: templatePath(id), signal, label: 'template' }, jasperTemplateResponseSchema)).data;
    },
    runTemplate(id, body, signal) {
      return http.json(
        { method: 'POST', path: `${templatePath(id)}/run`, body, signal, idempotent: false, label: 'template output' },
        jasperTemplateRunResponseSchema,
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
