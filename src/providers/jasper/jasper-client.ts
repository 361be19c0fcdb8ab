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
  jasperToneSavedSchema,
  type JasperAudienceList,
  type JasperTone,
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
import { LOWCODEAPI_DEFAULT_BASE_URL, createLowCodeApiTransport } from './lowcodeapi-transport.js';
import type { JasperCommandBody } from './command.js';
import { jasperKeepWritingResponseSchema, type JasperKeepWritingBody } from './keep-writing.js';
import { jasperUsageSchema, type JasperUsage, type UsageGranularity } from './usage.js';

export const JASPER_DEFAULT_BASE_URL = 'https://api.jasper.ai/v1';

/** `direct`: Jasper's own API with the `X-API-Key` header; `lowcodeapi`: the LowCodeAPI proxy (see lowcodeapi-transport.ts). */
export type JasperTransport = 'direct' | 'lowcodeapi';

export interface JasperClientOptions {
  /** Jasper's key, or with the `lowcodeapi` transport the proxy's token. */
  apiKey: string;
  /** Default: Jasper's own base, or the proxy's base for Jasper with the `lowcodeapi` transport. */
  baseURL?: string;
  transport?: JasperTransport;
  /** Told when the proxy answers a path only in its old URL format (worth a log line: every such call costs two). */
  onOldUrlFormat?: (pathTemplate: string) => void;
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
  /** The bot's other secrets (Slack tokens, other providers' keys): scrubbed from every error, like the API key. */
  otherSecrets?: readonly string[];
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
  /** `POST /tones` (name and value required) or, with an id, `PATCH /tones/{tone_id}`. Not resent once it may have reached Jasper. */
  saveTone(tone: { id?: string; name: string; value: string }, signal?: AbortSignal): Promise<JasperTone>;
  /** `DELETE /tones/{tone_id}`. */
  deleteTone(id: string, signal?: AbortSignal): Promise<void>;
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
  /** `POST /command` with context and options (see command.ts). Billed: not resent once it may have reached Jasper. */
  runCommand(body: JasperCommandBody, signal?: AbortSignal): Promise<JasperCommandResponse>;
  /** `POST /styles/{style_id}/apply` `{ content }` -> `data.text`. Not in Jasper's current API description: may 404. */
  applyStyle(styleId: string, content: string, signal?: AbortSignal): Promise<string>;
  /** `POST /keep-writing`: continues a text. Not in Jasper's current API description: may 404. Never resent once it may have reached Jasper. */
  keepWriting(body: JasperKeepWritingBody, signal?: AbortSignal): Promise<z.infer<typeof jasperKeepWritingResponseSchema>>;
  /** `POST /image/remove-background` (multipart `image_file`) -> the image's bytes and content type. */
  removeBackground(form: FormData, signal?: AbortSignal): Promise<{ bytes: Uint8Array; contentType: string }>;
  /** For errors built outside the client (stream frames): names Jasper and hides the key. */
  readonly errorContext: ErrorContext;
}

const SERVICE = 'Jasper';

export function createJasperClient(options: JasperClientOptions): JasperClient {
  const common = { serviceName: SERVICE, secrets: [options.apiKey, ...(options.otherSecrets ?? [])], fetch: options.fetch, maxRetries: options.maxRetries, timeoutMs: options.timeoutMs, retry: options.retry };
  const http: HttpClient =
    options.transport === 'lowcodeapi'
      ? createLowCodeApiTransport({ ...common, token: options.apiKey, baseURL: options.baseURL ?? LOWCODEAPI_DEFAULT_BASE_URL, onOldFormat: options.onOldUrlFormat })
      : createHttpClient({ ...common, baseURL: options.baseURL ?? JASPER_DEFAULT_BASE_URL, headers: { 'x-api-key': options.apiKey } });
  const idleTimeoutMs = options.streamIdleTimeoutMs ?? 120_000;
  // Paths are templates: the LowCodeAPI transport may have to move their parameters into the query.
  const task = (id: string) => ({ pathParams: { task_id: id } });
  const template = (id: string) => ({ pathParams: { template_id: id } });

  return {
    errorContext: http.context,
    listTasks(query, signal) {
      return http.json({ method: 'GET', path: '/tasks', query: { ...query }, signal, label: 'task list' }, jasperTaskListSchema);
    },
    async getTask(id, signal) {
      const response = await http.json({ method: 'GET', path: '/tasks/{task_id}', ...task(id), signal, label: 'task' }, jasperTaskResponseSchema);
      return response.data;
    },
    runTask(id, body, signal) {
      return http.json({ method: 'POST', path: '/tasks/{task_id}/run', ...task(id), body, signal, idempotent: false, label: 'run result' }, jasperRunResponseSchema);
    },
    async streamTask(id, body, signal) {
      const response = await http.open({
        method: 'POST',
        path: '/tasks/{task_id}/run/stream',
        ...task(id),
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
    runCommand(body, signal) {
      return http.json({ method: 'POST', path: '/command', body, signal, idempotent: false, label: 'command answer' }, jasperCommandResponseSchema);
    },
    async applyStyle(styleId, content, signal) {
      const request = { method: 'POST', path: '/styles/{style_id}/apply', pathParams: { style_id: styleId }, body: { content }, signal, idempotent: false, label: 'styled text' } as const;
      return (await http.json(request, styleAppliedSchema)).data.text;
    },
    keepWriting(body, signal) {
      return http.json({ method: 'POST', path: '/keep-writing', body, signal, idempotent: false, label: 'continued text' }, jasperKeepWritingResponseSchema);
    },
    async removeBackground(form, signal) {
      const response = await http.open({ method: 'POST', path: '/image/remove-background', form, signal, idempotent: false, headers: { accept: 'image/*' } });
      const contentType = response.headers.get('content-type') ?? '';
      if (!contentType.startsWith('image/')) {
        await response.body?.cancel().catch(() => undefined);
        throw invalidResponseError(http.context, `expected an image, got "${contentType || 'no content type'}"`);
      }
      return { bytes: new Uint8Array(await response.arrayBuffer()), contentType };
    },
    listTones(query, signal) {
      return http.json({ method: 'GET', path: '/tones', query, signal, label: 'tone list' }, jasperToneListSchema);
    },
    async saveTone({ id, name, value }, signal) {
      const body = { name, value };
      const request =
        id === undefined
          ? ({ method: 'POST', path: '/tones', body, signal, idempotent: false, label: 'created tone' } as const)
          : ({ method: 'PATCH', path: '/tones/{tone_id}', pathParams: { tone_id: id }, body, signal, idempotent: true, label: 'changed tone' } as const);
      return (await http.json(request, jasperToneSavedSchema)).data;
    },
    async deleteTone(id, signal) {
      await http.text({ method: 'DELETE', path: '/tones/{tone_id}', pathParams: { tone_id: id }, signal, label: 'tone deletion' });
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
      const text = await http.text({ method: 'DELETE', path: '/knowledge/{knowledge_id}', pathParams: { knowledge_id: id }, signal, label: 'knowledge deletion' });
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
      return (await http.json({ method: 'GET', path: '/templates/{template_id}', ...template(id), signal, label: 'template' }, jasperTemplateResponseSchema)).data;
    },
    runTemplate(id, body, signal) {
      return http.json(
        { method: 'POST', path: '/templates/{template_id}/run', ...template(id), body, signal, idempotent: false, label: 'template output' },
        jasperTemplateRunResponseSchema,
      );
    },
  };
}

const statusBody = z.looseObject({ statusCode: z.number() });

const styleAppliedSchema = z.looseObject({ data: z.looseObject({ text: z.string() }) });

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
