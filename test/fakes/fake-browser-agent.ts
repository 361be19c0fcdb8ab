/**
 * A real HTTP server on loopback that behaves like the browser agent as browser-agent-tasks-api.txt describes it, and
 * refuses what it refuses: no `Authorization` header (401), a revoked key (403), a missing or empty task, an
 * `endUserId` missing or over 256 characters, an invalid JSON body and a sessionId of another business (400), a
 * submit into another business's session (403), and 429 when told to. Written from the document, not from our client.
 *
 * A task moves pending -> running -> completed (or failed, or cancelled) as the script says, counted in polls, or when
 * a test finishes it. A session keeps every task submitted with its id; a completed task carries `structured_content`
 * when a schema was given and `html_dump` when asked for. The document does not show the task record: it follows the
 * fields the document names and the vendor's public SDK types (see src/providers/browser-agent/browser-agent-schemas.ts).
 * Only its URL and key are needed to reach it, so bot processes started by a test use it too;
 * `fake-browser-agent-main.ts` runs it as a process of its own.
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { readJsonBody, routeOf, type FakeBrowserAgentRoute } from './browser-agent/http.js';
import { HttpFailure, isRecord, parseMaybeJson, recordedHeaders, sendJson, serveJson } from './http/json-fake.js';
import { outcomeOf, sampleFor, stageOf, type BrowserAgentScript, type TaskOutcome } from './browser-agent/script.js';

export type { BrowserAgentScript, TaskOutcome } from './browser-agent/script.js';
export type { FakeBrowserAgentRoute } from './browser-agent/http.js';

const MAX_STEPS = 25;
const MAX_END_USER_ID = 256;

/** What a completed task answers unless its script says otherwise: echoes the task, and the task before it in its session. */
export function defaultResult(task: string, previousTask?: string): string {
  const went = previousTask === undefined ? '' : `Went on from "${previousTask}".\n\n`;
  return `${went}Browsed for: ${task}\n\nFound what was asked.`;
}

export function defaultHtml(task: string): string {
  return `<!doctype html><html><body><p>Last page for: ${task.replace(/[<&>]/g, '')}</p></body></html>`;
}

export interface FakeBrowserAgentTask {
  taskId: string;
  sessionId: string;
  endUserId: string;
  task: string;
  startUrl?: string;
  schema?: Record<string, unknown>;
  /** As the server clamps it: min(maxSteps, 25), 25 when not given. */
  maxSteps: number;
  includeHtmlDump: boolean;
  createdAt: string;
  /** Task records given for this task so far. */
  polls: number;
}

export interface RecordedBrowserAgentRequest {
  route: FakeBrowserAgentRoute;
  method: string;
  path: string;
  /** Without `authorization`. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
  at: number;
}

export interface BrowserAgentFault {
  /** Status to answer with (default 500), unless `reset`. */
  status?: number;
  /** `Retry-After` header: seconds or an HTTP date. */
  retryAfter?: string | number;
  /** JSON body; default `{ error: <status text> }`. */
  body?: unknown;
  /** How many requests in a row fail (default 1). */
  times?: number;
  /** Destroy the connection without answering. */
  reset?: boolean;
}

export interface FakeBrowserAgentOptions {
  apiKey?: string;
  /** Loopback port; default any free one. */
  port?: number;
  /** How tasks submitted later go (default: pending for one poll, running for one, then completed). */
  script?: BrowserAgentScript;
}

export interface FakeBrowserAgent {
  /** The API's base, as `BROWSER_AGENT_URL` takes it: `http://127.0.0.1:<port>/v1` (the document's `$API_BASE`). */
  url: string;
  apiKey: string;
  requests: RecordedBrowserAgentRequest[];
  requestsTo(route: FakeBrowserAgentRoute): RecordedBrowserAgentRequest[];
  /** How tasks submitted from now on go. */
  script(script: BrowserAgentScript): void;
  /** Ends a task now, whatever its script says. */
  finish(taskId: string, outcome: TaskOutcome): void;
  /** Every task submitted, oldest first. */
  tasks(): FakeBrowserAgentTask[];
  /** The key is revoked: every request with it answers 403. */
  revokeKey(): void;
  /** A session id another business owns: a submit into it answers 403. */
  addForeignSession(sessionId: string): void;
  /** The next requests to this route fail, before the key is checked. */
  failNext(route: FakeBrowserAgentRoute, fault: BrowserAgentFault): void;
  /** Forgets requests, tasks, sessions, faults, scripts and a revocation (back to the options'). */
  reset(): void;
  close(): Promise<void>;
}

interface TaskRecord extends FakeBrowserAgentTask {
  script: BrowserAgentScript;
  /** The task before it in its session, for the default result. */
  previousTask?: string;
  updatedAt: string;
  forced?: TaskOutcome;
}

export async function startFakeBrowserAgent(options: FakeBrowserAgentOptions = {}): Promise<FakeBrowserAgent> {
  const apiKey = options.apiKey ?? `bra_${randomBytes(12).toString('hex')}`;
  const requests: RecordedBrowserAgentRequest[] = [];
  const faults = new Map<FakeBrowserAgentRoute, BrowserAgentFault & { remaining: number }>();
  let script: BrowserAgentScript = options.script ?? {};
  let tasks: TaskRecord[] = [];
  let foreignSessions = new Set<string>();
  let revoked = false;

  function handle(req: IncomingMessage, res: ServerResponse, text: string): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const { route, id } = routeOf(method, url.pathname);
    const headers = recordedHeaders(req);
    requests.push({ route, method, path: url.pathname, headers, body: parseMaybeJson(text), at: Date.now() });

    const fault = faults.get(route);
    if (fault && fault.remaining > 0) {
      if (--fault.remaining === 0) faults.delete(route);
      if (fault.reset) return void req.socket.destroy();
      const status = fault.status ?? 500;
      const extra: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
      return sendJson(res, status, fault.body ?? { error: http.STATUS_CODES[status] ?? 'Error' }, extra);
    }
    const auth = req.headers.authorization;
    if (auth === undefined || auth.trim() === '') return sendJson(res, 401, { error: 'Missing Authorization header' });
    if (auth !== `Bearer ${apiKey}`) return sendJson(res, 401, { error: 'The Authorization header does not carry a known API key' });
    if (revoked) return sendJson(res, 403, { error: 'The API key has been revoked' });

    switch (route) {
      case 'POST /v1/tasks':
        return sendJson(res, 201, submit(readJsonBody(text)));
      case 'GET /v1/tasks/:id':
        return sendJson(res, 200, taskRecord(id));
      default:
        throw new HttpFailure(404, { error: `Cannot ${method} ${url.pathname}` });
    }
  }

  function submit(body: Record<string, unknown>) {
    const { endUserId, task, sessionId, startUrl, schema, maxSteps, include_html_dump: htmlDump } = body;
    const problems: string[] = [];
    if (typeof task !== 'string' || task.trim() === '') problems.push('task is required and must be non-empty');
    if (typeof endUserId !== 'string' || endUserId === '') problems.push('endUserId is required');
    else if (endUserId.length > MAX_END_USER_ID) problems.push(`endUserId must be at most ${MAX_END_USER_ID} characters`);
    if (sessionId !== undefined && typeof sessionId !== 'string') problems.push('sessionId must be a string');
    if (startUrl !== undefined && typeof startUrl !== 'string') problems.push('startUrl must be a string');
    if (schema !== undefined && !isRecord(schema)) problems.push('schema must be an object (a JSON Schema)');
    if (maxSteps !== undefined && (typeof maxSteps !== 'number' || !Number.isInteger(maxSteps) || maxSteps < 1)) problems.push('maxSteps must be a positive integer');
    if (htmlDump !== undefined && typeof htmlDump !== 'boolean') problems.push('include_html_dump must be a boolean');
    if (problems.length > 0 || typeof task !== 'string' || typeof endUserId !== 'string') throw new HttpFailure(400, { error: problems.join('; ') });

    let session: string;
    let previousTask: string | undefined;
    if (typeof sessionId === 'string') {
      if (foreignSessions.has(sessionId)) throw new HttpFailure(403, { error: "Cannot submit into another business's session" });
      const earlier = tasks.filter((t) => t.sessionId === sessionId);
      // A session this business never had is another business's (or nobody's): the document's 400.
      if (earlier.length === 0) throw new HttpFailure(400, { error: 'sessionId is owned by another business' });
      session = sessionId;
      previousTask = earlier.at(-1)?.task;
    } else {
      session = `ses_${randomBytes(8).toString('hex')}`;
    }
    const now = new Date().toISOString();
    const record: TaskRecord = {
      taskId: `tsk_${randomBytes(8).toString('hex')}`,
      sessionId: session,
      endUserId,
      task,
      ...(typeof startUrl === 'string' ? { startUrl } : {}),
      ...(isRecord(schema) ? { schema } : {}),
      maxSteps: Math.min(typeof maxSteps === 'number' ? maxSteps : MAX_STEPS, MAX_STEPS),
      includeHtmlDump: htmlDump === true,
      createdAt: now,
      updatedAt: now,
      polls: 0,
      script,
      ...(previousTask !== undefined ? { previousTask } : {}),
    };
    tasks.push(record);
    return { taskId: record.taskId, sessionId: record.sessionId, status: 'pending', createdAt: record.createdAt };
  }

  function taskRecord(id: string) {
    const task = tasks.find((t) => t.taskId === id);
    if (!task) throw new HttpFailure(404, { error: 'Task not found' });
    task.polls++;
    const stage = stageOf(task);
    const base = { taskId: task.taskId, sessionId: task.sessionId, endUserId: task.endUserId, task: task.task, createdAt: task.createdAt };
    if (stage !== 'done') {
      const status = stage === 'pending' ? 'pending' : 'running';
      return { ...base, status, updatedAt: task.updatedAt };
    }
    const outcome = outcomeOf(task, defaultResult(task.task, task.previousTask));
    if (task.updatedAt === task.createdAt) task.updatedAt = new Date().toISOString();
    const ended = { ...base, updatedAt: task.updatedAt };
    if ('cancelled' in outcome) return { ...ended, status: 'cancelled' };
    if ('error' in outcome) return { ...ended, status: 'failed', error: outcome.error };
    return {
      ...ended,
      status: 'completed',
      result: outcome.result,
      ...(task.schema ? { structured_content: task.script.structured ?? sampleFor(task.schema) } : {}),
      ...(task.includeHtmlDump ? { html_dump: defaultHtml(task.task) } : {}),
    };
  }

  const { port, close } = await serveJson(handle, options.port);

  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    requestsTo: (route) => requests.filter((r) => r.route === route),
    script: (next) => void (script = next),
    finish(taskId, outcome) {
      const task = tasks.find((t) => t.taskId === taskId);
      if (!task) throw new Error(`fake browser agent has no task ${taskId}`);
      task.forced = outcome;
    },
    tasks: () =>
      tasks.map(({ taskId, sessionId, endUserId, task, startUrl, schema, maxSteps, includeHtmlDump, createdAt, polls }) => ({
        taskId,
        sessionId,
        endUserId,
        task,
        ...(startUrl !== undefined ? { startUrl } : {}),
        ...(schema ? { schema } : {}),
        maxSteps,
        includeHtmlDump,
        createdAt,
        polls,
      })),
    revokeKey: () => void (revoked = true),
    addForeignSession: (sessionId) => void foreignSessions.add(sessionId),
    failNext: (route, fault) => void faults.set(route, { ...fault, remaining: fault.times ?? 1 }),
    reset() {
      requests.length = 0;
      faults.clear();
      tasks = [];
      foreignSessions = new Set();
      revoked = false;
      script = options.script ?? {};
    },
    close,
  };
}
