/**
 * A real HTTP server on loopback that behaves like the jobs API as jobs-api.txt describes it, and refuses what it
 * refuses: a missing or wrong `Authorization: Bearer` key (401), a body without an agent or an objective, or with
 * malformed observers (400), an agent it does not have and a job id it does not know (404).
 *
 * A job moves through its script's stages (its own status, subjobs appearing and changing), and each transition is
 * posted to the job's webhook observers as a callback `{ event_id, job_id, parent_job_id?, status, occurred_at }` (the
 * document does not give the body's shape; this one carries what it names). Test controls send a callback again, send
 * one out of order, hold callbacks back, and fail requests.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { HttpFailure, parseMaybeJson, sendJson, serveJson } from './http/json-fake.js';
import { readJsonBody } from './jarvis/http.js';
import { DEFAULT_STAGES, DEFAULT_TOKENS_USED, defaultJobResult, type FakeJobStatus, type JobScript } from './jobs/script.js';
import { validateJob, type ValidJob } from './jobs/validate-job.js';

export { DEFAULT_TOKENS_USED, defaultJobResult, type FakeJobStatus, type JobScript, type JobStage } from './jobs/script.js';

export type FakeJobsRoute = 'POST /v1/jobs' | 'GET /v1/jobs/:id' | 'unknown';

export interface RecordedJobsRequest {
  route: FakeJobsRoute;
  method: string;
  path: string;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
}

export interface JobsFault {
  status?: number;
  body?: unknown;
  retryAfter?: string | number;
  times?: number;
}

export interface SentCallback {
  jobId: string;
  url: string;
  /** The JSON text posted. */
  body: string;
  /** The bot's answer; undefined while in flight or when the connection failed. */
  answered?: number;
}

export interface FakeJobSummary {
  id: string;
  agent_id: string;
  brief: ValidJob['brief'];
  observers: ValidJob['observers'];
  status: FakeJobStatus;
  /** `GET /v1/jobs/{id}` answers given so far. */
  reads: number;
}

export interface FakeJobsOptions {
  apiKey?: string;
  /** The agents it has; default agt_01 and agt_02. */
  agents?: string[];
}

export interface FakeJobs {
  /** As `JOBS_URL` takes it: `http://127.0.0.1:<port>` (paths start with /v1/jobs). */
  url: string;
  apiKey: string;
  agents: string[];
  requestsTo(route: FakeJobsRoute): RecordedJobsRequest[];
  /** How the agent's jobs created from now on go. */
  script(agentId: string, script: JobScript): void;
  jobs(): FakeJobSummary[];
  /** Applies the job's next `count` stages now (callbacks included). */
  advance(jobId: string, count?: number): void;
  /** Callbacks posted so far, oldest first (`settled` first to see the answers). */
  callbacks(): SentCallback[];
  /** Waits until every callback posted so far has been answered or has failed. */
  settled(): Promise<void>;
  /** Posts callback number `index` again, byte for byte; resolves with the answer's status. */
  resend(index: number): Promise<number>;
  /** Posts a callback about the job with this status (e.g. `running` after `completed`) to its observer, or to `url`. */
  sendCallback(jobId: string, status: FakeJobStatus, url?: string): Promise<number>;
  /** While held, transitions post no callbacks (an unreachable bot, or a lost observer). */
  holdCallbacks(held: boolean): void;
  /** The next requests to this route fail, before the key is checked. */
  failNext(route: FakeJobsRoute, fault: JobsFault): void;
  reset(): void;
  close(): Promise<void>;
}

interface SubjobRecord {
  id: string;
  agent_id: string;
  status: FakeJobStatus;
  objective: string;
  parent_id: string;
}

interface JobRecord extends FakeJobSummary {
  created_at: string;
  completed_at?: string;
  script: JobScript;
  stage: number;
  subjobs: Map<string, SubjobRecord>;
  timer?: NodeJS.Timeout;
}

const TERMINAL: readonly FakeJobStatus[] = ['completed', 'failed', 'cancelled'];

export async function startFakeJobs(options: FakeJobsOptions = {}): Promise<FakeJobs> {
  const apiKey = options.apiKey ?? `jobs_${randomBytes(12).toString('hex')}`;
  const agents = options.agents ?? ['agt_01', 'agt_02'];
  const requests: RecordedJobsRequest[] = [];
  const faults = new Map<FakeJobsRoute, JobsFault & { remaining: number }>();
  let scripts = new Map<string, JobScript>();
  let jobs: JobRecord[] = [];
  let sent: SentCallback[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let held = false;

  function handle(req: IncomingMessage, res: ServerResponse, text: string): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const parts = url.pathname.split('/').filter(Boolean);
    const isJobs = parts[0] === 'v1' && parts[1] === 'jobs';
    const route: FakeJobsRoute =
      isJobs && parts.length === 2 && method === 'POST' ? 'POST /v1/jobs' : isJobs && parts.length === 3 && method === 'GET' ? 'GET /v1/jobs/:id' : 'unknown';
    requests.push({ route, method, path: url.pathname, body: parseMaybeJson(text) });

    const fault = faults.get(route);
    if (fault && fault.remaining > 0) {
      if (--fault.remaining === 0) faults.delete(route);
      const status = fault.status ?? 500;
      const extra: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
      return sendJson(res, status, fault.body ?? { error: http.STATUS_CODES[status] ?? 'Error' }, extra);
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) return sendJson(res, 401, { error: 'Unauthorized: a valid Authorization: Bearer key is required' });
    if (route === 'POST /v1/jobs') return sendJson(res, 201, create(readJsonBody(req, text)));
    if (route === 'GET /v1/jobs/:id') return sendJson(res, 200, read(decodeURIComponent(parts[2] ?? '')));
    throw new HttpFailure(404, { error: `Cannot ${method} ${url.pathname}` });
  }

  function create(body: Record<string, unknown>) {
    const checked = validateJob(body);
    if ('problems' in checked) throw new HttpFailure(400, { error: checked.problems.join('; ') });
    const { job } = checked;
    if (!agents.includes(job.agent_id)) throw new HttpFailure(404, { error: 'Agent not found' });
    const record: JobRecord = {
      id: `job_${randomBytes(8).toString('hex')}`,
      agent_id: job.agent_id,
      brief: job.brief,
      observers: job.observers,
      status: 'queued',
      reads: 0,
      created_at: new Date().toISOString(),
      script: scripts.get(job.agent_id) ?? {},
      stage: 0,
      subjobs: new Map(),
    };
    jobs.push(record);
    const every = record.script.advance;
    if (typeof every === 'number') {
      record.timer = setInterval(() => {
        applyStage(record);
        if (TERMINAL.includes(record.status)) clearInterval(record.timer);
      }, every);
    }
    return { id: record.id, agent_id: record.agent_id, status: record.status, created_at: record.created_at };
  }

  function read(id: string) {
    const job = jobs.find((j) => j.id === id);
    if (!job) throw new HttpFailure(404, { error: 'Job not found' });
    if ((job.script.advance ?? 'read') === 'read') applyStage(job);
    job.reads++;
    const done = job.status === 'completed';
    return {
      id: job.id,
      agent_id: job.agent_id,
      status: job.status,
      ...(done ? { result: job.script.result === undefined ? defaultJobResult(job.agent_id, job.brief.objective) : job.script.result } : {}),
      ...(job.status === 'failed' ? { error: job.script.error ?? 'The agent gave up.' } : {}),
      subjobs: [...job.subjobs.values()].map((s) => ({ id: s.id, parent_id: s.parent_id, agent_id: s.agent_id, status: s.status, brief: { objective: s.objective } })),
      ...(TERMINAL.includes(job.status) ? { tokens_used: job.script.tokensUsed ?? DEFAULT_TOKENS_USED, completed_at: job.completed_at } : {}),
      created_at: job.created_at,
    };
  }

  function applyStage(job: JobRecord): void {
    if (TERMINAL.includes(job.status)) return;
    const stage = (job.script.stages ?? DEFAULT_STAGES)[job.stage++];
    if (!stage) return;
    if (stage.subjob) {
      const { key, status, objective, agent_id, parent } = stage.subjob;
      const id = `${job.id}_${key}`;
      const before = job.subjobs.get(id);
      const parent_id = before?.parent_id ?? (parent ? `${job.id}_${parent}` : job.id);
      job.subjobs.set(id, { id, status, objective: objective ?? before?.objective ?? key, agent_id: agent_id ?? before?.agent_id ?? job.agent_id, parent_id });
      notify(job, { job_id: id, parent_job_id: parent_id, status });
    }
    if (stage.status) {
      job.status = stage.status;
      if (TERMINAL.includes(stage.status)) job.completed_at = new Date().toISOString();
      notify(job, { job_id: job.id, status: stage.status });
    }
  }

  function notify(job: JobRecord, about: { job_id: string; parent_job_id?: string; status: FakeJobStatus }): void {
    if (held) return;
    const body = JSON.stringify({ event_id: `evt_${randomUUID()}`, ...about, occurred_at: new Date().toISOString() });
    for (const observer of job.observers) if (observer.events.includes(about.status)) void post({ jobId: job.id, url: observer.url, body });
  }

  function post(callback: SentCallback, record = true): Promise<number> {
    if (record) sent.push(callback);
    const delivery = fetch(callback.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: callback.body }).then(
      async (response) => {
        await response.arrayBuffer();
        if (record) callback.answered = response.status;
        return response.status;
      },
      () => 0,
    );
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery));
    return delivery;
  }

  const served = await serveJson(handle);
  const { port } = served;
  const find = (jobId: string) => {
    const job = jobs.find((j) => j.id === jobId);
    if (!job) throw new Error(`the fake jobs API has no job ${jobId}`);
    return job;
  };
  const stopTimers = () => jobs.forEach((job) => clearInterval(job.timer));

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    agents,
    requestsTo: (route) => requests.filter((r) => r.route === route),
    script: (agentId, script) => void scripts.set(agentId, script),
    jobs: () => jobs.map(({ id, agent_id, brief, observers, status, reads }) => ({ id, agent_id, brief, observers, status, reads })),
    advance(jobId, count = 1) {
      const job = find(jobId);
      for (let i = 0; i < count; i++) applyStage(job);
    },
    callbacks: () => [...sent],
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    resend(index) {
      const callback = sent[index];
      if (!callback) throw new Error(`no callback number ${index}`);
      return post({ ...callback }, false);
    },
    sendCallback(jobId, status, url) {
      const job = find(jobId);
      const target = url ?? job.observers[0]?.url;
      if (!target) throw new Error(`job ${jobId} has no observer`);
      const body = JSON.stringify({ event_id: `evt_${randomUUID()}`, job_id: job.id, status, occurred_at: new Date().toISOString() });
      return post({ jobId, url: target, body }, false);
    },
    holdCallbacks: (value) => void (held = value),
    failNext: (route, fault) => void faults.set(route, { ...fault, remaining: fault.times ?? 1 }),
    reset() {
      stopTimers();
      requests.length = 0;
      faults.clear();
      scripts = new Map();
      jobs = [];
      sent = [];
      held = false;
    },
    close: () => {
      stopTimers();
      return served.close();
    },
  };
}

