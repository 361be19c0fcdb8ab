/**
 * A real HTTP server that behaves like Jasper's API as its documents describe it, and refuses what Jasper refuses,
 * so a test that passes against it means something. Written from the documents, not from our client's code.
 *
 * Routes: tasks (list, get, run, run/stream), `POST /command`, knowledge (list, get, multipart upload, delete: see
 * jasper/knowledge.ts), tones, audiences and styles (jasper/brand.ts), usage (jasper/usage.ts), and templates (list, get,
 * run: jasper/templates.ts). Templates are empty unless a test gives some (DEFAULT_TEMPLATES holds two), so the task
 * catalogue is what it always was.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkToneBody, listAudiences, listStyles, listTones, toneJson, DEFAULT_AUDIENCES, DEFAULT_STYLES, DEFAULT_TONES, type FakeAudience, type FakeStyle, type FakeTone } from './jasper/brand.js';
import { parseMaybeJson, recordedHeaders } from './http/json-fake.js';
import { HttpFailure, badRequest, isRecord, isStringArray, notFound, optionalBool, optionalInt, paged } from './jasper/common.js';
import {
  FAKE_KNOWLEDGE_LIMITS,
  MULTIPART_OVERHEAD_BYTES,
  isMultipart,
  readForm,
  recordForm,
  tooLarge,
  validateUpload,
  type FakeKnowledgeFile,
  type FakeKnowledgeLimits,
} from './jasper/knowledge.js';
import { DEFAULT_TEMPLATE_OUTPUT_TEXT, findTemplate, getTemplate, listTemplates, runTemplate, type FakeTemplate, type TemplateOutput } from './jasper/templates.js';
import { applyStyle, checkCommandBody, commandAnswerJson, keepWriting, removeBackground } from './jasper/writing.js';
import { DEFAULT_USAGE, usage as usageAnswer, type FakeUsagePoint } from './jasper/usage.js';

export { DEFAULT_AUDIENCES, DEFAULT_STYLES, DEFAULT_TONES, type FakeAudience, type FakeStyle, type FakeTone } from './jasper/brand.js';
export { FAKE_KNOWLEDGE_LIMITS, type FakeKnowledgeFile, type FakeKnowledgeLimits, type RecordedForm } from './jasper/knowledge.js';
export {
  BLOG_INTRO_TEMPLATE,
  DEFAULT_TEMPLATES,
  DEFAULT_TEMPLATE_OUTPUT_TEXT,
  PRODUCT_DESCRIPTION_TEMPLATE,
  type FakeTemplate,
  type FakeTemplateInput,
  type FakeTemplateOption,
  type TemplateOutput,
} from './jasper/templates.js';
export { DEFAULT_USAGE, type FakeUsagePoint } from './jasper/usage.js';
export { PNG_SIGNATURE } from './jasper/writing.js';

// ---------- Data ----------

export interface FakeContextItem {
  id: string;
  name: string;
  /** INPUT, TEXTAREA, SELECT, MULTISELECT, KNOWLEDGE, TAGS_INPUT, CHECKBOX, IMAGE_ID, TOOL, CUSTOM, or anything. */
  type: string;
  question: string | null;
  tooltip: string | null;
  required: boolean;
  options?: string[];
}

export interface FakeTask {
  id: string;
  name: string;
  description: string;
  contextItems: FakeContextItem[];
  version: number;
  scope: 'PUBLIC' | 'WORKSPACE' | 'USER';
  categories: string[];
  longDescription?: string;
}

export interface FakeKnowledge {
  id: string;
  name: string;
  tags?: string[];
  summary?: string;
  /** Default "Completed"; an upload reads "InProgress" until `knowledgeProcessingMs` passed. */
  processingState?: string;
}

/** The Blog Post task exactly as Jasper's guide shows it. */
export const BLOG_POST_TASK: FakeTask = {
  id: '94e0c6ab-94a7-4dd5-a6e4-43574a5e14d5',
  name: 'Blog Post',
  description: 'Write long-form content that provides value, drives traffic, and enhances SEO',
  contextItems: [
    { id: 'adea448e-57c5-4bc2-8033-3d27c82692a0', name: 'Outline', type: 'TEXTAREA', question: 'What is the outline of your post?', tooltip: null, required: false },
    {
      id: '80023f9a-5104-4cf8-8981-378f614272aa',
      name: 'Blog length',
      type: 'SELECT',
      question: 'How long would you like the blog post to be?',
      options: ['Short (under 800 words)', 'Medium (800-1500 words)', 'Long (over 1500 words)'],
      tooltip: null,
      required: false,
    },
    { id: 'aefc16e6-f4a4-4915-83bf-0c73e146ae93', name: 'Topic', type: 'INPUT', question: 'What is the topic of your post?', tooltip: null, required: false },
  ],
  version: 9,
  scope: 'PUBLIC',
  longDescription: '#### Overview\nCreate an insightful blog post designed to captivate your target audience...',
  categories: [],
};

export const MARKET_OPTIONS = Array.from({ length: 120 }, (_, i) => `Market ${String(i + 1).padStart(3, '0')}`);

/** Every input type Jasper has, a SELECT past Slack's 100 options, a required INPUT and a name with diacritics. */
export const EVERY_INPUT_TASK: FakeTask = {
  id: 'agt_01JQ7C2E9Z4YB8M5K3T6XWVD0R',
  name: 'Campagne Réseaux Sociaux — Été 2025 ✨',
  description: 'Plan a social media campaign, with every kind of input.',
  contextItems: [
    { id: '2b1f7c8e-0d4a-4f57-9a61-5c3e8b2d9f10', name: 'Product name', type: 'INPUT', question: 'Which product is the campaign for?', tooltip: 'As customers know it', required: true },
    { id: '3c2a8d9f-1e5b-4a68-8b72-6d4f9c3e0a21', name: 'Brief', type: 'TEXTAREA', question: null, tooltip: null, required: false },
    { id: '4d3b9e0a-2f6c-4b79-9c83-7e5a0d4f1b32', name: 'Market', type: 'SELECT', question: 'Which market is it for?', tooltip: null, required: false, options: MARKET_OPTIONS },
    {
      id: '5e4c0f1b-3a7d-4c8a-8d94-8f6b1e5a2c43',
      name: 'Channels',
      type: 'MULTISELECT',
      question: 'Which channels should it use?',
      tooltip: null,
      required: false,
      options: ['LinkedIn', 'Instagram', 'TikTok', 'YouTube', 'Facebook'],
    },
    { id: '6f5d1a2c-4b8e-4d9b-9ea5-9a7c2f6b3d54', name: 'Knowledge', type: 'KNOWLEDGE', question: 'Which knowledge should the agent use?', tooltip: null, required: false },
    { id: '7a6e2b3d-5c9f-4eac-8fb6-0b8d3a7c4e65', name: 'Hashtags', type: 'TAGS_INPUT', question: 'Which hashtags must appear?', tooltip: null, required: false },
    { id: '8b7f3c4e-6da0-4fbd-9ac7-1c9e4b8d5f76', name: 'Include paid ads?', type: 'CHECKBOX', question: 'Should the plan include paid ads?', tooltip: null, required: false },
    { id: '9c8a4d5f-7eb1-40ce-8bd8-2daf5c9e6a87', name: 'Hero image', type: 'IMAGE_ID', question: 'Which image leads the campaign?', tooltip: null, required: false },
    { id: 'a09b5e6a-8fc2-41df-9ce9-3eb06daf7b98', name: 'Research tool', type: 'TOOL', question: 'Which tool should research it?', tooltip: null, required: false },
    { id: 'b1ac6f7b-90d3-42e0-8dfa-4fc17eb08ca9', name: 'Extra notes', type: 'CUSTOM', question: '', tooltip: null, required: false },
  ],
  version: 3,
  scope: 'WORKSPACE',
  categories: ['Social', 'Campaigns'],
};

export const DEFAULT_KNOWLEDGE: FakeKnowledge[] = [
  { id: 'kno_01HBRANDGUIDE', name: 'Brand guide 2025', tags: ['brand'] },
  { id: 'kno_01HPRODUCTSPECS', name: 'Product specifications', tags: ['product'] },
  { id: 'kno_01HPRICINGFAQ', name: 'Pricing FAQ', tags: ['product', 'sales'] },
];

/** A long Markdown answer with multi-byte characters, past Slack's 3,000-character section limit. */
export const DEFAULT_OUTPUT_TEXT = [
  '# Meet Jasper: the AI copilot for marketing teams 🚀',
  ...Array.from({ length: 8 }, (_, i) =>
    [
      `## ${i + 1}. Section ${i + 1}: naïve résumés, 日本語, and émojis ✨`,
      'Marketing teams face a relentless challenge: the demand for high-quality content far outpaces the time available to create it. '.repeat(3),
      '- **Speed**: drafts in minutes\n- *Consistency*: one voice\n- `Scale`: every channel',
      '| Channel | Posts |\n|---|---|\n| LinkedIn | 3 |\n| Instagram | 5 |',
    ].join('\n\n'),
  ),
  '```ts\nconst done = true; // “quotes” — dashes\n```',
].join('\n\n');

export const DEFAULT_KEEP_WRITING_TEXT = '\n\nAnd the story goes on: three more ways marketing teams use Jasper every day.';

// ---------- Stream scripts ----------

export type StreamStep =
  /** Sent as `event: message`, `id: n`, `data: <JSON>`. */
  | { frame: unknown; delayMs?: number }
  /** Bytes as they are, for malformed streams. */
  | { raw: string; delayMs?: number }
  /** Destroys the connection. */
  | { cut: true; delayMs?: number };

export interface StreamScript {
  steps: StreamStep[];
  /** Write each step's bytes in pieces of this many bytes (sizes cycle through a list), so boundaries fall anywhere. */
  chunkSize?: number | number[];
  lineEnding?: '\n' | '\r\n';
}

export const stepFrame = (id: string, status: 'loading' | 'completed', label: string, description?: string) => ({
  step: description === undefined ? { id, status, label } : { id, status, label, description },
});

export const contentFrame = (content: string, id = 'b285e8c1-7b15-4da8-bfba-e9ccbf3b7361') => ({
  id,
  content,
  role: 'JASPER',
  usage: null,
  skillId: '365178e6-8123-4e24-936a-771def6982ce',
  contentId: id,
});

export const errorFrame = (statusCode: number, message: string, error = 'Bad Request') => ({ statusCode, message, error });

export interface StreamTiming {
  timeToFirstTokenMs: number;
  tokenIntervalMs: number;
}

/** Thinking, then the text in small content frames, then the last step completed: how Jasper streams a run. */
export function defaultStreamSteps(text: string, timing: StreamTiming = { timeToFirstTokenMs: 0, tokenIntervalMs: 0 }): StreamStep[] {
  const thinking = '8f4f5bc7-729e-498d-b946-f6995ad66e71';
  const generating = '2a2c1305-6cb9-453c-b700-578b6c464b9a';
  const chars = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += 40) pieces.push(chars.slice(i, i + 40).join(''));
  return [
    { frame: stepFrame(thinking, 'loading', 'Thinking', '**Drafting the post**\n\nI\'m starting with the "About" section...') },
    { frame: stepFrame(thinking, 'completed', 'Thought for 1 seconds') },
    { frame: stepFrame(generating, 'loading', 'Generating content') },
    ...pieces.map((piece, i) => ({ frame: contentFrame(piece), delayMs: i === 0 ? timing.timeToFirstTokenMs : timing.tokenIntervalMs })),
    { frame: stepFrame(generating, 'completed', 'Generated content') },
  ];
}

/** The bytes a script's frames make, without the delays and cuts (for tests that feed a client directly). */
export function encodeStream(steps: StreamStep[], lineEnding: '\n' | '\r\n' = '\n'): string {
  let id = 0;
  return steps.map((step) => ('frame' in step ? encodeFrame(step.frame, ++id, lineEnding) : 'raw' in step ? step.raw : '')).join('');
}

function encodeFrame(frame: unknown, id: number, eol: string): string {
  return `event: message${eol}id: ${id}${eol}data: ${JSON.stringify(frame)}${eol}${eol}`;
}

// ---------- Server ----------

export type FakeJasperRoute =
  | 'GET /tasks'
  | 'GET /tasks/:id'
  | 'POST /tasks/:id/run'
  | 'POST /tasks/:id/run/stream'
  | 'GET /knowledge'
  | 'POST /command'
  | 'POST /knowledge'
  | 'GET /knowledge/:id'
  | 'DELETE /knowledge/:id'
  | 'GET /tones'
  | 'POST /tones'
  | 'PATCH /tones/:id'
  | 'DELETE /tones/:id'
  | 'GET /audiences'
  | 'GET /styles'
  | 'GET /usage'
  | 'GET /templates'
  | 'GET /templates/:id'
  | 'POST /templates/:id/run'
  | 'POST /styles/:id/apply'
  | 'POST /image/remove-background'
  | 'POST /keep-writing';

export interface Fault {
  /** Status to answer with (default 500), unless `reset`. */
  status?: number;
  /** `Retry-After` header: seconds or an HTTP date. */
  retryAfter?: string | number;
  /** JSON body (a string is sent as is); default `{ statusCode, message, error }`. */
  body?: unknown;
  /** How many requests in a row fail (default 1). */
  times?: number;
  /** Destroy the connection after the request arrived, without answering. */
  reset?: boolean;
}

export interface RecordedRequest {
  route: FakeJasperRoute | 'unknown';
  method: string;
  /** e.g. "/v1/tasks/abc/run/stream". */
  path: string;
  query: Record<string, string>;
  /** Without `x-api-key` and `authorization`. */
  headers: Record<string, string>;
  /**
   * Parsed JSON, the raw text when it is not JSON, undefined when empty. A multipart body (knowledge uploads) is
   * recorded as a RecordedForm: its fields, and its files without their bytes (see `knowledgeFile` for those).
   */
  body: unknown;
  /** Set when the client went away before the answer was complete (a cancelled run). */
  clientClosed: boolean;
}

export interface FakeLatency extends StreamTiming {
  listMs: number;
  getMs: number;
  /** Before a run's response headers (synchronous runs and template runs: before the answer). */
  runStartMs: number;
  /** Before answering `GET /tones`, `/audiences`, `/styles`. */
  brandMs: number;
  /** Before answering `GET /templates` and `/templates/{id}`. */
  templatesMs: number;
  usageMs: number;
  /** Before answering any `/knowledge` request. */
  knowledgeMs: number;
}

export interface FakeJasperOptions {
  apiKey?: string;
  tasks?: FakeTask[];
  knowledge?: FakeKnowledge[];
  outputText?: string;
  commandAnswer?: string;
  /** What `POST /keep-writing` adds (default DEFAULT_KEEP_WRITING_TEXT). */
  keepWritingText?: string;
  latency?: Partial<FakeLatency>;
  /** Default DEFAULT_TONES, DEFAULT_AUDIENCES, DEFAULT_STYLES. */
  tones?: FakeTone[];
  audiences?: FakeAudience[];
  styles?: FakeStyle[];
  /** Request counts per instant that `GET /usage` sums into buckets; default DEFAULT_USAGE (2026-02-02 to 2026-02-10). */
  usage?: FakeUsagePoint[];
  /** Default none, so that the catalogue is tasks only unless a test asks (DEFAULT_TEMPLATES holds two). */
  templates?: FakeTemplate[];
  /** `GET /templates` leaves each template's `inputSchema` out (clients must then get each template by id). */
  templateListOmitsInputs?: boolean;
  /** The text of every template run (default DEFAULT_TEMPLATE_OUTPUT_TEXT), or a function of the template and accepted inputs. */
  templateOutput?: TemplateOutput;
  /** Largest file and accepted content types for uploads; default FAKE_KNOWLEDGE_LIMITS. */
  knowledgeLimits?: FakeKnowledgeLimits;
  /** How long an upload reads "InProgress" in lists (default 0: "Completed" at once; the 201 always says "InProgress"). */
  knowledgeProcessingMs?: number;
}

export interface FakeJasper {
  /** e.g. "http://127.0.0.1:54321/v1". */
  readonly baseURL: string;
  readonly apiKey: string;
  /** Every request in arrival order. */
  readonly requests: RecordedRequest[];
  requestsTo(route: FakeJasperRoute): RecordedRequest[];
  setTasks(tasks: FakeTask[]): void;
  setKnowledge(items: FakeKnowledge[]): void;
  /** The knowledge list as it is now (uploads added, deletes removed). */
  knowledgeItems(): FakeKnowledge[];
  /** The file an upload sent (its bytes as received), by the new item's id. */
  knowledgeFile(id: string): FakeKnowledgeFile | undefined;
  setKnowledgeLimits(limits: FakeKnowledgeLimits): void;
  setTones(tones: FakeTone[]): void;
  /** The tones as they are now (creates, edits and deletes applied). */
  toneItems(): FakeTone[];
  setAudiences(audiences: FakeAudience[]): void;
  setStyles(styles: FakeStyle[]): void;
  setUsage(points: FakeUsagePoint[]): void;
  setTemplates(templates: FakeTemplate[]): void;
  setTemplateOutput(output: TemplateOutput): void;
  /** The text of the default stream and of synchronous runs. */
  setOutputText(text: string): void;
  setCommandAnswer(text: string): void;
  setLatency(latency: Partial<FakeLatency>): void;
  /** Runs of this task stream this script (a function sees the accepted run body). */
  scriptStream(taskId: string, script: StreamScript | ((body: unknown) => StreamScript)): void;
  /** Routes Jasper no longer offers (style apply, keep writing): they answer 404 as unknown routes do. */
  retire(routes: FakeJasperRoute[]): void;
  /** The next `times` requests to the route fail, before authentication and validation. */
  failNext(route: FakeJasperRoute, fault: Fault): void;
  /** Forgets requests, faults and scripts; keeps data and latency. */
  reset(): void;
  close(): Promise<void>;
}

const RUN_BODY_FIELDS = new Set(['contextItems', 'version', 'toLanguage', 'knowledgeIds', 'attachmentIds', 'toneId', 'audienceId', 'additionalAudienceIds', 'styleGuideId', 'tools']);

export async function startFakeJasper(options: FakeJasperOptions = {}): Promise<FakeJasper> {
  const apiKey = options.apiKey ?? `fake-jasper-key-${randomBytes(12).toString('hex')}`;
  let tasks = options.tasks ?? [BLOG_POST_TASK, EVERY_INPUT_TASK];
  // Copied: uploads and deletes change the fake's list, never the caller's array (or DEFAULT_KNOWLEDGE).
  let knowledge = [...(options.knowledge ?? DEFAULT_KNOWLEDGE)];
  const knowledgeFiles = new Map<string, FakeKnowledgeFile>();
  /** When each upload finishes processing (ms since the epoch). */
  const knowledgeReadyAt = new Map<string, number>();
  let knowledgeLimits = options.knowledgeLimits ?? FAKE_KNOWLEDGE_LIMITS;
  let outputText = options.outputText ?? DEFAULT_OUTPUT_TEXT;
  let commandAnswer = options.commandAnswer ?? 'Here is a shorter introduction.';
  const keepWritingText = options.keepWritingText ?? DEFAULT_KEEP_WRITING_TEXT;
  let latency: FakeLatency = { listMs: 0, getMs: 0, runStartMs: 0, timeToFirstTokenMs: 0, tokenIntervalMs: 0, brandMs: 0, templatesMs: 0, usageMs: 0, knowledgeMs: 0, ...options.latency };
  let tones = options.tones ?? DEFAULT_TONES;
  let audiences = options.audiences ?? DEFAULT_AUDIENCES;
  let styles = options.styles ?? DEFAULT_STYLES;
  let usagePoints = options.usage ?? DEFAULT_USAGE;
  let templates = options.templates ?? [];
  let templateOutput: TemplateOutput = options.templateOutput ?? DEFAULT_TEMPLATE_OUTPUT_TEXT;
  const requests: RecordedRequest[] = [];
  const scripts = new Map<string, StreamScript | ((body: unknown) => StreamScript)>();
  const faults = new Map<FakeJasperRoute, Fault & { remaining: number }>();
  let retired = new Set<FakeJasperRoute>();

  async function handle(req: IncomingMessage, res: ServerResponse, gone: AbortSignal): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const { route, taskId } = routeOf(method, url.pathname);
    const multipart = isMultipart(req.headers['content-type']);
    // Only an upload's body is bounded: past the limit (and room for the other fields) it is drained, not kept.
    const raw = await readBody(req, route === 'POST /knowledge' || route === 'POST /image/remove-background' ? knowledgeLimits.maxBytes + MULTIPART_OVERHEAD_BYTES : undefined);
    const text = multipart ? '' : raw.bytes.toString('utf8');
    const headers = recordedHeaders(req, ['x-api-key', 'authorization']);
    const record: RecordedRequest = { route, method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: parseMaybeJson(text), clientClosed: false };
    // Parsed before faults and the key check so the record shows what was sent; a malformed body is refused below.
    let form: FormData | undefined;
    let formError: unknown;
    if (multipart && !raw.truncated && raw.size > 0) {
      try {
        form = await readForm(req.headers['content-type'] ?? '', raw.bytes);
        record.body = await recordForm(form);
      } catch (error) {
        formError = error;
      }
    }
    requests.push(record);
    let cutHere = false;
    const cut = () => {
      cutHere = true;
      req.socket.destroy();
    };
    gone.addEventListener('abort', () => (record.clientClosed = !cutHere), { once: true });

    if (route !== 'unknown') {
      const fault = faults.get(route);
      if (fault && fault.remaining > 0) {
        if (--fault.remaining === 0) faults.delete(route);
        if (fault.reset) return cut();
        const status = fault.status ?? 500;
        const extra: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
        return sendJson(res, status, fault.body ?? { statusCode: status, message: http.STATUS_CODES[status] ?? 'Error', error: http.STATUS_CODES[status] ?? 'Error' }, extra);
      }
    }
    // Node lower-cases header names, so `X-API-Key` and `x-api-key` both arrive here.
    if (req.headers['x-api-key'] !== apiKey) return sendJson(res, 401, { statusCode: 401, message: 'Unauthorized' });

    if (route !== 'unknown' && retired.has(route)) throw notFound(`Cannot ${method} ${url.pathname}`);
    switch (route) {
      case 'POST /keep-writing':
        await sleep(latency.runStartMs, gone);
        return sendJson(res, 201, keepWriting(jsonBody(req, text), keepWritingText));
      case 'POST /styles/:id/apply':
        await sleep(latency.brandMs, gone);
        return sendJson(res, 201, applyStyle(styles, taskId, jsonBody(req, text)));
      case 'POST /image/remove-background': {
        if (raw.truncated) throw badRequest('image_file must not be larger than 30 MB');
        if (formError) throw formError;
        const cutOut = await removeBackground(form);
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(cutOut.length), 'x-request-id': randomUUID() });
        return void res.end(cutOut);
      }
      case 'GET /tasks':
        await sleep(latency.listMs, gone);
        return sendJson(res, 200, listTasks(url.searchParams));
      case 'GET /tasks/:id': {
        await sleep(latency.getMs, gone);
        optionalInt(url.searchParams, 'version', 1);
        return sendJson(res, 200, { requestId: randomUUID(), resource: 'tasks', data: taskJson(findTask(taskId), true, true) });
      }
      case 'POST /tasks/:id/run': {
        const task = findTask(taskId);
        validateRunBody(task, jsonBody(req, text));
        await sleep(latency.runStartMs, gone);
        return sendJson(res, 200, {
          requestId: randomUUID(),
          resource: 'tasks',
          data: { output: [{ type: 'TEXT', value: outputText }], metadata: { credits: { cost: 1 } } },
        });
      }
      case 'POST /tasks/:id/run/stream': {
        const task = findTask(taskId);
        const body = jsonBody(req, text);
        validateRunBody(task, body);
        await sleep(latency.runStartMs, gone);
        if (gone.aborted) return;
        const scripted = scripts.get(task.id);
        const script = typeof scripted === 'function' ? scripted(body) : (scripted ?? { steps: defaultStreamSteps(outputText, latency) });
        return writeStream(res, script, gone, cut);
      }
      case 'GET /knowledge':
        return sendJson(res, 200, listKnowledge(url.searchParams));
      case 'POST /command':
        return sendJson(res, 201, runCommand(jsonBody(req, text)));
      case 'GET /tones':
        await sleep(latency.brandMs, gone);
        return sendJson(res, 200, listTones(url.searchParams, tones));
      case 'POST /tones': {
        const fields = checkToneBody(jsonBody(req, text), true);
        const tone: FakeTone = { ...fields, id: `ton_${randomBytes(8).toString('hex').toUpperCase()}` };
        tones = [...tones, tone];
        return sendJson(res, 201, toneJson(tone));
      }
      case 'PATCH /tones/:id': {
        const existing = tones.find((t) => t.id === taskId);
        if (!existing) throw notFound('Tone not found');
        const changed: FakeTone = { ...existing, ...checkToneBody(jsonBody(req, text), false), id: existing.id };
        tones = tones.map((t) => (t === existing ? changed : t));
        return sendJson(res, 200, toneJson(changed));
      }
      case 'DELETE /tones/:id': {
        if (!tones.some((t) => t.id === taskId)) throw notFound('Tone not found');
        tones = tones.filter((t) => t.id !== taskId);
        return sendJson(res, 200, { deleted: true });
      }
      case 'GET /audiences':
        await sleep(latency.brandMs, gone);
        return sendJson(res, 200, listAudiences(url.searchParams, audiences));
      case 'GET /styles':
        await sleep(latency.brandMs, gone);
        return sendJson(res, 200, listStyles(url.searchParams, styles));
      case 'GET /usage':
        await sleep(latency.usageMs, gone);
        return sendJson(res, 200, usageAnswer(url.searchParams, usagePoints));
      case 'POST /knowledge': {
        await sleep(latency.knowledgeMs, gone);
        if (raw.truncated) throw tooLarge(knowledgeLimits, raw.size);
        if (formError) throw formError;
        if (!form) throw badRequest(['file is required (one file, in the "file" field)', 'the body must be multipart/form-data']);
        const upload = await validateUpload(form, knowledgeLimits);
        const id = `kno_${randomBytes(10).toString('hex').toUpperCase()}`;
        const item: FakeKnowledge = { id, name: upload.name, tags: upload.tags, ...(upload.summary === undefined ? {} : { summary: upload.summary }) };
        knowledge = [...knowledge, item];
        knowledgeFiles.set(id, upload.file);
        knowledgeReadyAt.set(id, Date.now() + (options.knowledgeProcessingMs ?? 0));
        return sendJson(res, 201, {
          requestId: randomUUID(),
          resource: 'knowledge',
          data: { ...item, tags: item.tags ?? [], metadata: upload.metadata ?? {}, settings: upload.settings ?? {}, processingState: 'InProgress', createdAt: new Date().toISOString() },
        });
      }
      case 'GET /knowledge/:id': {
        await sleep(latency.knowledgeMs, gone);
        return sendJson(res, 200, { requestId: randomUUID(), resource: 'knowledge', data: knowledgeJson(findKnowledge(taskId)) });
      }
      case 'DELETE /knowledge/:id': {
        await sleep(latency.knowledgeMs, gone);
        const item = findKnowledge(taskId);
        knowledge = knowledge.filter((k) => k !== item);
        knowledgeFiles.delete(item.id);
        knowledgeReadyAt.delete(item.id);
        return sendJson(res, 200, { deleted: true });
      }
      case 'GET /templates':
        await sleep(latency.templatesMs, gone);
        return sendJson(res, 200, listTemplates(url.searchParams, templates, !options.templateListOmitsInputs));
      case 'GET /templates/:id':
        await sleep(latency.templatesMs, gone);
        return sendJson(res, 200, getTemplate(templates, taskId));
      case 'POST /templates/:id/run': {
        const template = findTemplate(templates, taskId);
        const answer = runTemplate(template, jsonBody(req, text), templateOutput);
        await sleep(latency.runStartMs, gone);
        return sendJson(res, 201, answer);
      }
      default:
        throw notFound(`Cannot ${method} ${url.pathname}`);
    }
  }

  function findTask(id: string): FakeTask {
    const task = tasks.find((t) => t.id === id);
    if (!task) throw notFound('Task not found');
    return task;
  }

  function listTasks(params: URLSearchParams) {
    const size = optionalInt(params, 'size', 1, 100) ?? 100;
    const page = optionalInt(params, 'page', 1) ?? 1;
    const withItems = optionalBool(params, 'includeContextItems');
    const withCategories = optionalBool(params, 'includeCategories');
    const scope = params.get('scope');
    if (scope !== null && !['PUBLIC', 'WORKSPACE', 'USER'].includes(scope)) throw badRequest('scope must be one of the following values: PUBLIC, WORKSPACE, USER');
    const term = params.get('searchTerm')?.toLowerCase();
    const matching = tasks.filter(
      (t) => (scope === null || t.scope === scope) && (!term || [t.name, t.description, ...t.categories].some((s) => s.toLowerCase().includes(term))),
    );
    const start = (page - 1) * size;
    return {
      requestId: randomUUID(),
      resource: 'tasks',
      data: matching.slice(start, start + size).map((t) => taskJson(t, withItems, withCategories)),
      pagination: {
        totalRecords: matching.length,
        page,
        pageSize: size,
        next: start + size < matching.length ? String(page + 1) : null,
        prev: page > 1 ? String(page - 1) : null,
      },
    };
  }

  function findKnowledge(id: string): FakeKnowledge {
    const item = knowledge.find((k) => k.id === id);
    if (!item) throw notFound('Knowledge not found');
    return item;
  }

  function knowledgeJson(k: FakeKnowledge) {
    const readyAt = knowledgeReadyAt.get(k.id);
    const processingState = readyAt !== undefined && Date.now() < readyAt ? 'InProgress' : (k.processingState ?? 'Completed');
    return { ...k, tags: k.tags ?? [], processingState };
  }

  function listKnowledge(params: URLSearchParams) {
    const size = optionalInt(params, 'size', 1, 100) ?? 10;
    const page = optionalInt(params, 'page', 1) ?? 1;
    const q = params.get('q') ?? '';
    const [field, value] = q.includes(':') ? [q.slice(0, q.indexOf(':')), q.slice(q.indexOf(':') + 1)] : ['name', q];
    const needle = value.toLowerCase();
    const matching = knowledge.filter((k) =>
      field === 'tags' ? (k.tags ?? []).some((t) => t.toLowerCase() === needle) : k.name.toLowerCase().includes(needle),
    );
    const list = paged(matching, page, size, 'knowledge');
    return { ...list, data: list.data.map(knowledgeJson) };
  }

  function runCommand(body: Record<string, unknown>) {
    checkCommandBody(body);
    return commandAnswerJson(commandAnswer);
  }

  async function writeStream(res: ServerResponse, script: StreamScript, gone: AbortSignal, cut: () => void): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const eol = script.lineEnding ?? '\n';
    const sizes = script.chunkSize === undefined ? [] : Array.isArray(script.chunkSize) ? script.chunkSize : [script.chunkSize];
    let sizeIndex = 0;
    let id = 0;
    for (const step of script.steps) {
      await sleep(step.delayMs ?? 0, gone);
      if (gone.aborted) return;
      if ('cut' in step) return cut();
      const bytes = Buffer.from('frame' in step ? encodeFrame(step.frame, ++id, eol) : step.raw, 'utf8');
      if (sizes.length === 0) {
        res.write(bytes);
        continue;
      }
      for (let offset = 0; offset < bytes.length && !gone.aborted; ) {
        const size = Math.max(1, sizes[sizeIndex++ % sizes.length] ?? 1);
        res.write(bytes.subarray(offset, offset + size));
        offset += size;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    res.end();
  }

  const server = http.createServer((req, res) => {
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    res.on('error', () => undefined);
    handle(req, res, gone.signal).catch((error: unknown) => {
      if (res.headersSent || gone.signal.aborted) return void res.destroy();
      if (error instanceof HttpFailure) return sendJson(res, error.status, error.body);
      sendJson(res, 500, { statusCode: 500, message: 'Internal server error' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    requestsTo: (route) => requests.filter((r) => r.route === route),
    setTasks: (next) => void (tasks = next),
    setKnowledge: (next) => void (knowledge = [...next]),
    knowledgeItems: () => knowledge.map((k) => ({ ...k })),
    knowledgeFile: (id) => knowledgeFiles.get(id),
    setKnowledgeLimits: (next) => void (knowledgeLimits = next),
    setTones: (next) => void (tones = next),
    toneItems: () => tones.map((t) => ({ ...t })),
    setAudiences: (next) => void (audiences = next),
    setStyles: (next) => void (styles = next),
    setUsage: (next) => void (usagePoints = next),
    setTemplates: (next) => void (templates = next),
    setTemplateOutput: (next) => void (templateOutput = next),
    setOutputText: (next) => void (outputText = next),
    setCommandAnswer: (next) => void (commandAnswer = next),
    setLatency: (next) => void (latency = { ...latency, ...next }),
    scriptStream: (taskId, script) => void scripts.set(taskId, script),
    retire: (routes) => void (retired = new Set(routes)),
    failNext: (route, fault) => void faults.set(route, { ...fault, remaining: fault.times ?? 1 }),
    reset() {
      requests.length = 0;
      faults.clear();
      retired = new Set();
      scripts.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------- Routing and validation ----------

function routeOf(method: string, pathname: string): { route: FakeJasperRoute | 'unknown'; taskId: string } {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'v1') return { route: 'unknown', taskId: '' };
  const [, resource, id = '', action, sub] = parts;
  if (resource === 'tasks') {
    if (method === 'GET' && parts.length === 2) return { route: 'GET /tasks', taskId: '' };
    if (method === 'GET' && parts.length === 3) return { route: 'GET /tasks/:id', taskId: id };
    if (method === 'POST' && action === 'run' && parts.length === 4) return { route: 'POST /tasks/:id/run', taskId: id };
    if (method === 'POST' && action === 'run' && sub === 'stream' && parts.length === 5) return { route: 'POST /tasks/:id/run/stream', taskId: id };
  }
  if (resource === 'knowledge' && method === 'GET' && parts.length === 2) return { route: 'GET /knowledge', taskId: '' };
  if (resource === 'command' && method === 'POST' && parts.length === 2) return { route: 'POST /command', taskId: '' };
  if (resource === 'knowledge') {
    if (method === 'POST' && parts.length === 2) return { route: 'POST /knowledge', taskId: '' };
    if (method === 'GET' && parts.length === 3) return { route: 'GET /knowledge/:id', taskId: id };
    if (method === 'DELETE' && parts.length === 3) return { route: 'DELETE /knowledge/:id', taskId: id };
  }
  if (resource === 'tones' && method === 'POST' && parts.length === 2) return { route: 'POST /tones', taskId: '' };
  if (resource === 'tones' && method === 'PATCH' && parts.length === 3) return { route: 'PATCH /tones/:id', taskId: id };
  if (resource === 'tones' && method === 'DELETE' && parts.length === 3) return { route: 'DELETE /tones/:id', taskId: id };
  if (method === 'GET' && parts.length === 2) {
    if (resource === 'tones') return { route: 'GET /tones', taskId: '' };
    if (resource === 'audiences') return { route: 'GET /audiences', taskId: '' };
    if (resource === 'styles') return { route: 'GET /styles', taskId: '' };
    if (resource === 'usage') return { route: 'GET /usage', taskId: '' };
    if (resource === 'templates') return { route: 'GET /templates', taskId: '' };
  }
  if (resource === 'keep-writing' && method === 'POST' && parts.length === 2) return { route: 'POST /keep-writing', taskId: '' };
  if (resource === 'styles' && method === 'POST' && action === 'apply' && parts.length === 4) return { route: 'POST /styles/:id/apply', taskId: id };
  if (resource === 'image' && method === 'POST' && id === 'remove-background' && parts.length === 3) return { route: 'POST /image/remove-background', taskId: '' };
  if (resource === 'templates') {
    if (method === 'GET' && parts.length === 3) return { route: 'GET /templates/:id', taskId: id };
    if (method === 'POST' && action === 'run' && parts.length === 4) return { route: 'POST /templates/:id/run', taskId: id };
  }
  return { route: 'unknown', taskId: '' };
}

function taskJson(task: FakeTask, withItems: boolean, withCategories: boolean) {
  const { contextItems, categories, ...rest } = task;
  return {
    ...rest,
    ...(withItems ? { contextItems } : {}),
    ...(withCategories ? { categories } : {}),
    updatedAt: '2025-12-18T23:57:07.342Z',
    createdAt: '2024-01-25T01:13:04.577Z',
    publishedAt: '2024-06-11T07:31:06.494Z',
  };
}

function validateRunBody(task: FakeTask, body: Record<string, unknown>): void {
  const errors = Object.keys(body)
    .filter((k) => !RUN_BODY_FIELDS.has(k))
    .map((k) => `property ${k} should not exist`);
  for (const key of ['toLanguage', 'toneId', 'audienceId', 'styleGuideId']) {
    if (body[key] !== undefined && typeof body[key] !== 'string') errors.push(`${key} must be a string`);
  }
  for (const key of ['knowledgeIds', 'attachmentIds', 'additionalAudienceIds']) {
    if (body[key] !== undefined && !isStringArray(body[key])) errors.push(`${key} must be an array of strings`);
  }
  if (body.version !== undefined && !Number.isInteger(body.version)) errors.push('version must be an integer number');
  if (body.tools !== undefined && !(Array.isArray(body.tools) && body.tools.every((t) => t === 'WEB_SEARCH' || t === 'KNOWLEDGE_SEARCH'))) {
    errors.push('each value in tools must be one of the following values: WEB_SEARCH, KNOWLEDGE_SEARCH');
  }
  const items = body.contextItems;
  if (!Array.isArray(items)) throw badRequest([...errors, 'contextItems must be an array']);

  const given = new Set<string>();
  items.forEach((item: unknown, i) => {
    const at = `contextItems.${i}`;
    if (!isRecord(item)) return void errors.push(`${at} must be an object`);
    if ('id' in item) {
      const extra = Object.keys(item).filter((k) => k !== 'id' && k !== 'value');
      if (extra.length > 0) errors.push(`${at}: property ${extra.join(', ')} should not exist`);
      const def = task.contextItems.find((c) => c.id === item.id);
      if (!def) return void errors.push(`${at}.id ${JSON.stringify(item.id)} is not a context item of this task`);
      if (given.has(def.id)) errors.push(`${at}.id ${def.id} is given twice`);
      given.add(def.id);
      const problem = checkValue(def, item.value);
      if (problem) errors.push(`${at}.value for "${def.name}" (${def.type}) ${problem}`);
      return;
    }
    const extra = Object.keys(item).filter((k) => !['name', 'question', 'answer', 'priority'].includes(k));
    if (extra.length > 0) errors.push(`${at}: property ${extra.join(', ')} should not exist`);
    for (const key of ['name', 'question', 'answer']) if (typeof item[key] !== 'string') errors.push(`${at}.${key} must be a string`);
    if (item.priority !== undefined && typeof item.priority !== 'number') errors.push(`${at}.priority must be a number`);
  });
  const missing = task.contextItems.filter((c) => c.required && !given.has(c.id)).map((c) => c.name);
  if (missing.length > 0) errors.push(`Missing required context items: ${missing.join(', ')}`);
  if (errors.length > 0) throw badRequest(errors);
}

/** What is wrong with a value for this item's type, or undefined when it is right. */
function checkValue(def: FakeContextItem, value: unknown): string | undefined {
  const options = def.options ?? [];
  switch (def.type) {
    case 'SELECT':
      return typeof value === 'string' && options.includes(value) ? undefined : 'must be one of the options';
    case 'MULTISELECT':
      return isStringArray(value) && value.every((v) => options.includes(v)) ? undefined : 'must be an array of the options';
    case 'TAGS_INPUT':
      return isStringArray(value) ? undefined : 'must be an array of strings';
    case 'CHECKBOX':
      return value === 'true' || value === 'false' ? undefined : 'must be "true" or "false"';
    case 'KNOWLEDGE':
      return Array.isArray(value) && value.every(isKnowledgeRef) ? undefined : 'must be an array of knowledge ids or { knowledgeId, knowledgeExtractionPrompt? }';
    default:
      // INPUT, TEXTAREA, CUSTOM, IMAGE_ID, TOOL and types the documents do not name take a string.
      return typeof value === 'string' ? undefined : 'must be a string';
  }
}

function isKnowledgeRef(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0;
  if (!isRecord(value) || typeof value.knowledgeId !== 'string') return false;
  const extra = Object.keys(value).filter((k) => k !== 'knowledgeId' && k !== 'knowledgeExtractionPrompt');
  return extra.length === 0 && (value.knowledgeExtractionPrompt === undefined || typeof value.knowledgeExtractionPrompt === 'string');
}

/** Like Express's JSON parser: only a JSON content type is parsed; anything else arrives as an empty object. */
function jsonBody(req: IncomingMessage, text: string): Record<string, unknown> {
  if (!(req.headers['content-type'] ?? '').includes('application/json') || text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest(error instanceof Error ? error.message : 'Invalid JSON');
  }
  if (!isRecord(value)) throw badRequest('The body must be a JSON object');
  return value;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': randomUUID(), ...headers });
  res.end(text);
}

/** The whole body; past `cap` bytes the rest is read and dropped (`truncated`), so a huge upload is answered, not kept. */
function readBody(req: IncomingMessage, cap?: number): Promise<{ bytes: Buffer; size: number; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (cap !== undefined && size > cap) {
        truncated = true;
        chunks.length = 0;
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), size, truncated }));
    req.on('error', reject);
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
