/**
 * What every Provider adapter must do, as one suite each adapter runs against its own fake upstream
 * (keyv's `keyvTestSuite` idea): list, get, run to `done`, a follow-up run, cancel, resume, error mapping, and the
 * capabilities some have (subjobs, structured output, history, brand, usage, knowledge), skipped where absent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/providers/errors.js';
import type { BrandOptionKind, InputValues, KnowledgeUpload, Provider, RunEvent, RunRequest, StepStatus, TaskDefinition } from '../../src/providers/types.js';

export type ContractCall = 'list' | 'get' | 'run';

/** How a refusal looks beyond its status: a 429 says when to come back. */
export interface ContractFault {
  /** `Retry-After`, in seconds. */
  retryAfter?: number;
}

const STEP_STATUSES: readonly StepStatus[] = ['running', 'completed', 'failed'];

export interface ContractHarness {
  provider: Provider;
  /** A task the fake upstream can run, and values that make a valid run of it. */
  runnable: { taskId: string; values(task: TaskDefinition): InputValues };
  /** The next calls of this kind (all their retries included) fail upstream with this HTTP status. */
  failNext(call: ContractCall, status: number, fault?: ContractFault): void;
  /** Every request the upstream received since the last reset (runs, polls, reads): a cancelled run must stop adding to it. */
  upstreamRequests(): number;
  /**
   * The provider can return data of a requested shape: these values ask for it, and the upstream answers `expected`.
   * Without it, a run never yields a `structured` event.
   */
  structured?: { values(task: TaskDefinition): InputValues; prepare(): void; expected: unknown };
  /** The provider reports subjobs; this makes the next run dispatch some (one nested in another where the upstream can). */
  subjobs?: { prepare(): void };
  /** Runs stream slowly enough (a second or more) to be cancelled midway. */
  makeRunsSlow(): void;
  /** The request body of the latest run the upstream received. */
  lastRunBody(): unknown;
  /** Strings that must never appear in an error message (API keys). */
  secrets: string[];
  /**
   * The upstream answers a run in one piece, not as a stream (e.g. Jasper templates): the run reports `started` and a
   * running step as the request goes out, so a refusal may follow them, and a run is cancelled while its step runs.
   */
  wholeOutputAtOnce?: boolean;
  /**
   * The provider's task list is its own (no upstream call): list and get cannot be refused upstream, so refusals are
   * checked on runs instead.
   */
  localTasks?: boolean;
  /** Run submissions the upstream received since the last reset: required when the provider can `resume`. */
  runSubmissions?(): number;
  /** A file the upstream takes as knowledge: with it, providers that upload knowledge are checked end to end. */
  knowledgeFile?: KnowledgeUpload;
  /** Back to a clean upstream between tests. */
  reset(): void | Promise<void>;
  close(): Promise<void>;
}

export async function collectEvents(events: AsyncIterable<RunEvent>): Promise<RunEvent[]> {
  const out: RunEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** Every string inside a JSON-like value. */
function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(allStrings);
  return [];
}

export function textOf(events: RunEvent[]): string {
  return events.map((e) => (e.type === 'text' ? e.delta : '')).join('');
}

export function runProviderContract(name: string, setup: () => Promise<ContractHarness>): void {
  describe(`${name}: provider contract`, () => {
    let h: ContractHarness;
    beforeAll(async () => {
      h = await setup();
    });
    afterAll(async () => h?.close());
    beforeEach(async () => h.reset());

    async function runnableRequest(extra: Partial<RunRequest> = {}): Promise<RunRequest> {
      const task = await h.provider.getTask(h.runnable.taskId);
      return { task, values: h.runnable.values(task), signal: new AbortController().signal, ...extra };
    }

    function expectSafe(error: ProviderError): void {
      expect(error.message.length).toBeGreaterThan(0);
      for (const secret of h.secrets) expect(error.message).not.toContain(secret);
    }

    it('has an id, a display name and the settings that configure it', () => {
      expect(h.provider.id).toMatch(/^[a-z0-9-]+$/);
      expect(h.provider.displayName.length).toBeGreaterThan(0);
      // Error explanations send people to these variables: they are the provider's own, never another's.
      const { key, url } = h.provider.settings;
      expect(key).toMatch(/^[A-Z][A-Z0-9_]*_API_KEY$/);
      const prefix = key.replace(/_API_KEY$/, '');
      expect(url).toMatch(new RegExp(`^${prefix}_(API_)?URL$`));
      expect(prefix.replace(/_/g, '').toLowerCase()).toContain(h.provider.id.replace(/-/g, ''));
    });

    it('lists tasks with usable input fields', async () => {
      const tasks = await h.provider.listTasks();
      expect(tasks.length).toBeGreaterThan(0);
      expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
      for (const task of tasks) {
        expect(task.provider).toBe(h.provider.id);
        expect(task.slug).toMatch(/^[\p{L}\p{N}\p{M}]+(-[\p{L}\p{N}\p{M}]+)*$/u);
        expect(task.slug).toBe(task.slug.toLowerCase());
        expect(new Set(task.inputs.map((i) => i.id)).size).toBe(task.inputs.length);
        expect(new Set(task.inputs.map((i) => i.slug)).size).toBe(task.inputs.length);
        for (const input of task.inputs) {
          expect(input.question.trim()).not.toBe('');
          if (input.kind === 'select' || input.kind === 'multi_select') expect(input.options?.length).toBeGreaterThan(0);
        }
      }
    });

    it('gets a task as the list shows it', async () => {
      const listed = (await h.provider.listTasks()).find((t) => t.id === h.runnable.taskId);
      expect(listed).toBeDefined();
      expect(await h.provider.getTask(h.runnable.taskId)).toEqual(listed);
    });

    it('rejects an unknown task id with not_found', async () => {
      const error = await h.provider.getTask('does-not-exist-0000').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).code).toBe('not_found');
      expectSafe(error as ProviderError);
    });

    it('runs a task: started, text, then done as the only ending', async () => {
      const events = await collectEvents(h.provider.run(await runnableRequest()));
      expect(events[0]?.type).toBe('started');
      expect(events.at(-1)?.type).toBe('done');
      expect(events.filter((e) => e.type === 'done' || e.type === 'error')).toHaveLength(1);
      expect(textOf(events).length).toBeGreaterThan(0);
    });

    it('runs a follow-up that carries the previous output and the new instruction', async () => {
      const first = textOf(await collectEvents(h.provider.run(await runnableRequest())));
      const instruction = 'Make the introduction shorter, please.';
      const request = await runnableRequest({ continuation: { history: [{ output: first }], instruction } });
      const events = await collectEvents(h.provider.run(request));
      expect(events.at(-1)?.type).toBe('done');
      const sent = allStrings(h.lastRunBody());
      expect(sent.some((s) => s.includes(instruction))).toBe(true);
      expect(sent.some((s) => s.includes(first.slice(0, 200)))).toBe(true);
    });

    it('stops a run when its signal aborts, without done', async () => {
      h.makeRunsSlow();
      const controller = new AbortController();
      const request = await runnableRequest({ signal: controller.signal });
      const events: RunEvent[] = [];
      const started = Date.now();
      const abortOn = h.wholeOutputAtOnce ? 'step' : 'text';
      for await (const event of h.provider.run(request)) {
        events.push(event);
        if (event.type === abortOn) controller.abort();
      }
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(events.some((e) => e.type === 'done')).toBe(false);
      const last = events.at(-1);
      if (last?.type === 'error') expect(last.error.code).toBe('cancelled');
    });

    it('asks the upstream nothing more once a run is cancelled', async () => {
      h.makeRunsSlow();
      const controller = new AbortController();
      const abortOn = h.wholeOutputAtOnce ? 'step' : 'text';
      for await (const event of h.provider.run(await runnableRequest({ signal: controller.signal }))) {
        if (event.type === abortOn) controller.abort();
      }
      const afterCancel = h.upstreamRequests();
      // Several poll intervals of every adapter's test settings: a poll still going would show up here.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(h.upstreamRequests()).toBe(afterCancel);
    });

    it('maps 401, 404, 429 and 5xx to codes; a 401 names no key but its own, a 429 says when to try again', async () => {
      const request = await runnableRequest();
      const ending = async (status: number, fault?: ContractFault): Promise<ProviderError> => {
        await h.reset();
        h.failNext('run', status, fault);
        const last = (await collectEvents(h.provider.run(request))).at(-1);
        if (last?.type !== 'error') throw new Error(`a ${status} ended the run with ${last?.type ?? 'nothing'}`);
        expectSafe(last.error);
        return last.error;
      };
      const auth = await ending(401);
      expect(auth.code).toBe('auth');
      // The surfaces send people to `settings.key`: the message may name that setting, never another provider's.
      const named = auth.message.match(/\b[A-Z][A-Z0-9_]*_API_KEY\b/g) ?? [];
      for (const setting of named) expect(setting).toBe(h.provider.settings.key);
      expect((await ending(404)).code).toBe('not_found');
      // Longer than any adapter waits on its own: the error carries the wait instead of retrying.
      const limited = await ending(429, { retryAfter: 120 });
      expect(limited.code).toBe('rate_limited');
      expect(limited.retryAfterMs).toBe(120_000);
      expect(limited.message).toMatch(/in (120 seconds|2 minutes)/);
      for (const status of [500, 502, 503]) expect((await ending(status)).code).toBe('upstream');
    });

    it('reports subjobs with ids, labels, statuses and the job or subjob that dispatched them', async (ctx) => {
      if (!h.subjobs) return ctx.skip();
      h.subjobs.prepare();
      const events = await collectEvents(h.provider.run(await runnableRequest()));
      expect(events.at(-1)?.type).toBe('done');
      const runId = events.find((e) => e.type === 'started')?.upstreamRunId;
      const subjobs = events.flatMap((e) => (e.type === 'subjob' ? [e] : []));
      expect(subjobs.length).toBeGreaterThan(0);
      const ids = new Set(subjobs.map((s) => s.id));
      for (const subjob of subjobs) {
        expect(subjob.id.length).toBeGreaterThan(0);
        expect(subjob.label.trim().length).toBeGreaterThan(0);
        expect(STEP_STATUSES).toContain(subjob.status);
        if (subjob.parentId !== undefined) expect(subjob.parentId === runId || ids.has(subjob.parentId), subjob.parentId).toBe(true);
      }
      // One subjob was dispatched by another: its parent is that subjob, not the job.
      expect(subjobs.some((s) => s.parentId !== undefined && ids.has(s.parentId))).toBe(true);
    });

    it('yields the requested structured output as data, once', async (ctx) => {
      if (!h.structured) return ctx.skip();
      h.structured.prepare();
      const task = await h.provider.getTask(h.runnable.taskId);
      const events = await collectEvents(h.provider.run(await runnableRequest({ values: h.structured.values(task) })));
      expect(events.at(-1)?.type).toBe('done');
      const structured = events.flatMap((e) => (e.type === 'structured' ? [e.data] : []));
      expect(structured).toEqual([h.structured.expected]);
    });

    it('never yields structured output when it has no way to ask for it', async (ctx) => {
      if (h.structured) return ctx.skip();
      const events = await collectEvents(h.provider.run(await runnableRequest()));
      expect(events.at(-1)?.type).toBe('done');
      expect(events.some((e) => e.type === 'structured')).toBe(false);
    });

    it('maps upstream refusals to error codes with safe messages', async () => {
      if (h.localTasks) {
        for (const [status, code] of [
          [401, 'auth'],
          [403, 'forbidden'],
        ] as const) {
          h.failNext('run', status);
          const ending = (await collectEvents(h.provider.run(await runnableRequest()))).at(-1);
          expect(ending?.type === 'error' && ending.error.code).toBe(code);
          if (ending?.type === 'error') expectSafe(ending.error);
          await h.reset();
        }
        return;
      }
      h.failNext('list', 401);
      const auth = await h.provider.listTasks().catch((e: unknown) => e);
      expect(auth).toBeInstanceOf(ProviderError);
      expect((auth as ProviderError).code).toBe('auth');
      expectSafe(auth as ProviderError);

      h.failNext('get', 403);
      const forbidden = await h.provider.getTask(h.runnable.taskId).catch((e: unknown) => e);
      expect((forbidden as ProviderError).code).toBe('forbidden');
      expectSafe(forbidden as ProviderError);
    });

    // Optional capabilities: checked when the provider has them, skipped otherwise.

    it('resumes a started run from its upstream id without submitting it again', async (ctx) => {
      const resume = h.provider.resume?.bind(h.provider);
      if (!resume) return ctx.skip();
      expect(h.runSubmissions, 'a harness of a provider that resumes counts run submissions').toBeDefined();
      const first = new AbortController();
      let upstreamRunId: string | undefined;
      for await (const event of h.provider.run(await runnableRequest({ signal: first.signal }))) {
        if (event.type !== 'started') continue;
        upstreamRunId = event.upstreamRunId;
        // The process "dies" here: this run is not read any further.
        first.abort();
      }
      expect(upstreamRunId).toEqual(expect.any(String));
      const events = await collectEvents(resume(upstreamRunId ?? '', new AbortController().signal));
      expect(events.at(-1)?.type).toBe('done');
      expect(events.filter((e) => e.type === 'done' || e.type === 'error')).toHaveLength(1);
      expect(textOf(events).length).toBeGreaterThan(0);
      expect(h.runSubmissions?.()).toBe(1);
    });

    it('resumes an unknown upstream id with one not_found error', async (ctx) => {
      const resume = h.provider.resume?.bind(h.provider);
      if (!resume) return ctx.skip();
      const events = await collectEvents(resume('does-not-exist-0000', new AbortController().signal));
      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event?.type === 'error' && event.error.code).toBe('not_found');
      if (event?.type === 'error') expectSafe(event.error);
    });

    it('pages its history after a run, in its own statuses, and refuses a page it cannot give', async (ctx) => {
      const history = h.provider.history;
      if (!history) return ctx.skip();
      await collectEvents(h.provider.run(await runnableRequest()));
      const page = await history.list({ limit: 5, offset: 0 });
      expect(page.total).toBeGreaterThanOrEqual(page.entries.length);
      expect(page.entries.length).toBeGreaterThan(0);
      for (const entry of page.entries) {
        expect(history.statuses).toContain(entry.status);
        expect(entry.upstreamRunId.length).toBeGreaterThan(0);
      }
      await expect(history.list({ limit: 0, offset: 0 })).rejects.toMatchObject({ code: 'bad_request' });
    });

    it('lists brand options of every kind, one entry per id', async (ctx) => {
      const brand = h.provider.brand;
      if (!brand) return ctx.skip();
      for (const kind of ['tone', 'audience', 'style'] as BrandOptionKind[]) {
        const options = await brand.listOptions(kind);
        expect(new Set(options.map((o) => o.id)).size, kind).toBe(options.length);
        for (const option of options) {
          expect(option.id.length).toBeGreaterThan(0);
          expect(option.name.trim().length).toBeGreaterThan(0);
        }
      }
    });

    it('reports usage for a period as a count, with the period', async (ctx) => {
      const usage = h.provider.usage;
      if (!usage) return ctx.skip();
      const end = new Date();
      const start = new Date(end.getTime() - 7 * 86_400_000);
      const summary = await usage.summary({ start, end });
      // The upstream answered with its counts, so the figure is known (undefined is only for an answer without them).
      expect(summary.used !== undefined && Number.isFinite(summary.used) && summary.used >= 0).toBe(true);
      expect([summary.start, summary.end]).toEqual([start.toISOString(), end.toISOString()]);
      if (summary.limit !== undefined) expect(summary.limit).toBeGreaterThanOrEqual(0);
    });

    it('refuses a knowledge file over its limit or of another type with bad_request, saying why', async (ctx) => {
      const limits = h.provider.knowledge?.limits;
      const upload = h.provider.knowledge?.upload?.bind(h.provider.knowledge);
      if (!limits || !upload || !h.knowledgeFile) return ctx.skip();
      expect(limits.maxBytes).toBeGreaterThan(0);
      expect(limits.contentTypes.length).toBeGreaterThan(0);
      const tooBig = await upload({ ...h.knowledgeFile, bytes: new Uint8Array(limits.maxBytes + 1) }).catch((e: unknown) => e);
      expect(tooBig).toBeInstanceOf(ProviderError);
      expect((tooBig as ProviderError).code).toBe('bad_request');
      expectSafe(tooBig as ProviderError);
      const wrongType = await upload({ ...h.knowledgeFile, contentType: 'application/x-unheard-of' }).catch((e: unknown) => e);
      expect((wrongType as ProviderError).code).toBe('bad_request');
      expect((wrongType as ProviderError).message).toContain('application/x-unheard-of');
    });

    it('uploads knowledge that searches then find, and deletes it', async (ctx) => {
      const p = h.provider.knowledge;
      if (!p?.upload || !p.delete || !h.knowledgeFile) return ctx.skip();
      const name = `Contract upload ${Date.now()}`;
      const item = await p.upload({ ...h.knowledgeFile, name });
      expect(item.name).toBe(name);
      expect((await p.search(name)).map((k) => k.id)).toContain(item.id);
      await p.delete(item.id);
      expect((await p.search(name)).map((k) => k.id)).not.toContain(item.id);
    });

    it('ends a refused run with one error event instead of throwing', async () => {
      const request = await runnableRequest();
      for (const [status, code] of [
        [400, 'bad_request'],
        [500, 'upstream'],
      ] as const) {
        h.failNext('run', status);
        const all = await collectEvents(h.provider.run(request));
        // A one-piece run may have said `started` and shown its running step before the refusal came back.
        const events = h.wholeOutputAtOnce ? all.filter((e) => e.type !== 'started' && !(e.type === 'step' && e.status === 'running')) : all;
        expect(events).toHaveLength(1);
        const [event] = events;
        expect(event?.type).toBe('error');
        if (event?.type !== 'error') continue;
        expect(event.error.code).toBe(code);
        expect(event.partial).toBe(false);
        expectSafe(event.error);
        await h.reset();
      }
    });
  });
}
