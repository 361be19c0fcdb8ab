/**
 * A real HTTP server on loopback that behaves like the Jarvis agent API as jarvis-agent-api.txt describes it, and
 * refuses what it refuses: a missing or wrong `Authorization: Bearer` key (401), an unknown agent, priority or status
 * filter and a missing task (400), an unknown task id (404). Written from the document, not from our client.
 *
 * A task moves queued -> running -> completed or failed as its agent's script says (counted in status polls, or in
 * time since the invoke), or when a test finishes it. Only its URL and key are needed to reach it, so bot processes
 * started by a test use it too; `fake-jarvis-main.ts` runs it as a process of its own.
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { HttpFailure, isRecord, parseMaybeJson, recordedHeaders, sendJson, serveJson } from './http/json-fake.js';
import { readJsonBody, routeOf, type FakeJarvisRoute } from './jarvis/http.js';
import { outcomeOf, stageOf, type JarvisScript, type TaskOutcome } from './jarvis/script.js';

export { type JarvisScript, type TaskOutcome } from './jarvis/script.js';
export type { FakeJarvisRoute } from './jarvis/http.js';

export const FAKE_JARVIS_AGENTS = ['paperclip', 'hermes'] as const;
const PRIORITIES = ['low', 'normal', 'high'];
const STATUSES = ['queued', 'running', 'completed', 'failed'];

/** What a completed task answers unless its script says otherwise: names the agent and echoes the task. */
export function defaultResult(agent: string, task: string): string {
  return `${agent} did: ${task}\n\nEverything went as planned.`;
}

export interface FakeJarvisTask {
  task_id: string;
  agent: string;
  task: string;
  context?: Record<string, unknown>;
  priority: string;
  created_at: string;
  /** Status answers given for this task so far. */
  polls: number;
}

export interface RecordedJarvisRequest {
  route: FakeJarvisRoute;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Without `authorization`. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
  at: number;
}

export interface JarvisFault {
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

export interface FakeJarvisOptions {
  apiKey?: string;
  /** Loopback port; default any free one. */
  port?: number;
  /** Scripts by agent for tasks invoked later; an agent without one uses the default script. */
  scripts?: Partial<Record<string, JarvisScript>>;
}

export interface FakeJarvis {
  /** The API's base, as `JARVIS_URL` takes it: `http://127.0.0.1:<port>` (paths start with /agents). */
  url: string;
  apiKey: string;
  requests: RecordedJarvisRequest[];
  requestsTo(route: FakeJarvisRoute): RecordedJarvisRequest[];
  /** How the agent's tasks invoked from now on go. */
  script(agent: string, script: JarvisScript): void;
  /** Ends a task now, whatever its script says. */
  finish(taskId: string, outcome: TaskOutcome): void;
  /** Every task invoked, oldest first. */
  tasks(): FakeJarvisTask[];
  /** The next requests to this route fail, before the key is checked. */
  failNext(route: FakeJarvisRoute, fault: JarvisFault): void;
  /** Forgets requests, tasks, faults and scripts (back to the options'). */
  reset(): void;
  close(): Promise<void>;
}

interface TaskRecord extends FakeJarvisTask {
  createdMs: number;
  script: JarvisScript;
  startedAt?: string;
  completedAt?: string;
  forced?: TaskOutcome;
}

export async function startFakeJarvis(options: FakeJarvisOptions = {}): Promise<FakeJarvis> {
  const apiKey = options.apiKey ?? `jrv_${randomBytes(12).toString('hex')}`;
  const requests: RecordedJarvisRequest[] = [];
  const faults = new Map<FakeJarvisRoute, JarvisFault & { remaining: number }>();
  let scripts = new Map(Object.entries(options.scripts ?? {}).filter((e): e is [string, JarvisScript] => e[1] !== undefined));
  let tasks: TaskRecord[] = [];

  function handle(req: IncomingMessage, res: ServerResponse, text: string): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const { route, id } = routeOf(method, url.pathname);
    const headers = recordedHeaders(req);
    requests.push({ route, method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: parseMaybeJson(text), at: Date.now() });

    const fault = faults.get(route);
    if (fault && fault.remaining > 0) {
      if (--fault.remaining === 0) faults.delete(route);
      if (fault.reset) return void req.socket.destroy();
      const status = fault.status ?? 500;
      const extra: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
      return sendJson(res, status, fault.body ?? { error: http.STATUS_CODES[status] ?? 'Error' }, extra);
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) return sendJson(res, 401, { error: 'Unauthorized: a valid Authorization: Bearer key is required' });

    switch (route) {
      case 'POST /agents/invoke':
        return sendJson(res, 200, invoke(readJsonBody(req, text)));
      case 'GET /agents/status/:id':
        return sendJson(res, 200, status(id));
      case 'GET /agents/history':
        return sendJson(res, 200, history(url.searchParams));
      default:
        throw new HttpFailure(404, { error: `Cannot ${method} ${url.pathname}` });
    }
  }

  function invoke(body: Record<string, unknown>) {
    const { agent, task, context, priority } = body;
    const problems: string[] = [];
    if (typeof agent !== 'string' || !(FAKE_JARVIS_AGENTS as readonly string[]).includes(agent)) problems.push(`agent is required, one of: ${FAKE_JARVIS_AGENTS.join(', ')}`);
    if (typeof task !== 'string' || task.trim() === '') problems.push('task is required: a natural-language description of the task');
    if (context !== undefined && !isRecord(context)) problems.push('context must be an object of key-value pairs');
    if (priority !== undefined && (typeof priority !== 'string' || !PRIORITIES.includes(priority))) problems.push(`priority must be one of: ${PRIORITIES.join(', ')}`);
    if (problems.length > 0 || typeof agent !== 'string' || typeof task !== 'string') throw new HttpFailure(400, { error: problems.join('; ') });
    const now = Date.now();
    const record: TaskRecord = {
      task_id: `tsk_${randomBytes(8).toString('hex')}`,
      agent,
      task,
      ...(isRecord(context) ? { context } : {}),
      priority: typeof priority === 'string' ? priority : 'normal',
      created_at: new Date(now).toISOString(),
      polls: 0,
      createdMs: now,
      script: scripts.get(agent) ?? {},
    };
    tasks.push(record);
    return { task_id: record.task_id, agent, status: 'queued', created_at: record.created_at };
  }

  function status(id: string) {
    const task = tasks.find((t) => t.task_id === id);
    if (!task) throw new HttpFailure(404, { error: 'Task not found' });
    task.polls++;
    const stage = stageOf(task, Date.now());
    const now = new Date().toISOString();
    if (stage !== 'queued') task.startedAt ??= now;
    const answer: Record<string, unknown> = { task_id: task.task_id, agent: task.agent, status: 'queued' };
    if (stage === 'queued') return answer;
    answer.started_at = task.startedAt;
    if (stage === 'running') return { ...answer, status: 'running' };
    task.completedAt ??= now;
    const outcome = outcomeOf(task, defaultResult(task.agent, task.task));
    return 'error' in outcome
      ? { ...answer, status: 'failed', error: outcome.error, completed_at: task.completedAt }
      : { ...answer, status: 'completed', result: outcome.result, completed_at: task.completedAt };
  }

  function history(params: URLSearchParams) {
    const agent = params.get('agent');
    const wanted = params.get('status');
    const problems: string[] = [];
    if (agent !== null && !(FAKE_JARVIS_AGENTS as readonly string[]).includes(agent)) problems.push(`agent must be one of: ${FAKE_JARVIS_AGENTS.join(', ')}`);
    if (wanted !== null && !STATUSES.includes(wanted)) problems.push(`status must be one of: ${STATUSES.join(', ')}`);
    const limit = intParam(params, 'limit', 20, 1, 100, problems);
    const offset = intParam(params, 'offset', 0, 0, Number.MAX_SAFE_INTEGER, problems);
    if (problems.length > 0) throw new HttpFailure(400, { error: problems.join('; ') });
    const now = Date.now();
    const matching = [...tasks]
      .reverse()
      .map((t) => ({ task_id: t.task_id, agent: t.agent, task: t.task, status: statusName(t, now), created_at: t.created_at }))
      .filter((t) => (agent === null || t.agent === agent) && (wanted === null || t.status === wanted));
    return { tasks: matching.slice(offset, offset + limit), total: matching.length };
  }

  /** A task's status as history shows it: without counting a poll. */
  function statusName(task: TaskRecord, now: number): string {
    const stage = stageOf(task, now);
    if (stage !== 'done') return stage;
    return 'error' in outcomeOf(task, '') ? 'failed' : 'completed';
  }

  const { port, close } = await serveJson(handle, options.port);

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    requestsTo: (route) => requests.filter((r) => r.route === route),
    script: (agent, script) => void scripts.set(agent, script),
    finish(taskId, outcome) {
      const task = tasks.find((t) => t.task_id === taskId);
      if (!task) throw new Error(`fake Jarvis has no task ${taskId}`);
      task.forced = outcome;
    },
    tasks: () => tasks.map(({ task_id, agent, task, context, priority, created_at, polls }) => ({ task_id, agent, task, ...(context ? { context } : {}), priority, created_at, polls })),
    failNext: (route, fault) => void faults.set(route, { ...fault, remaining: fault.times ?? 1 }),
    reset() {
      requests.length = 0;
      faults.clear();
      tasks = [];
      scripts = new Map(Object.entries(options.scripts ?? {}).filter((e): e is [string, JarvisScript] => e[1] !== undefined));
    },
    close,
  };
}

function intParam(params: URLSearchParams, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`);
    return fallback;
  }
  return value;
}

