/**
 * What every Provider adapter must do, as one suite each adapter runs against its own fake upstream
 * (keyv's `keyvTestSuite` idea): list, get, run to `done`, a follow-up run, cancel, and error mapping.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/providers/errors.js';
import type { BrandOptionKind, InputValues, KnowledgeUpload, Provider, RunEvent, RunRequest, TaskDefinition } from '../../src/providers/types.js';

export type ContractCall = 'list' | 'get' | 'run';

export interface ContractHarness {
  provider: Provider;
  /** A task the fake upstream can run, and values that make a valid run of it. */
  runnable: { taskId: string; values(task: TaskDefinition): InputValues };
  /** The next calls of this kind (all their retries included) fail upstream with this HTTP status. */
  failNext(call: ContractCall, status: number): void;
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

    it('has an id and a display name', () => {
      expect(h.provider.id).toMatch(/^[a-z0-9-]+$/);
      expect(h.provider.displayName.length).toBeGreaterThan(0);
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

    it('maps upstream refusals to error codes with safe messages', async () => {
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

    it('lists brand options of every kind, one entry per id', async (ctx) => {
      const list = h.provider.listBrandOptions?.bind(h.provider);
      if (!list) return ctx.skip();
      for (const kind of ['tone', 'audience', 'style'] as BrandOptionKind[]) {
        const options = await list(kind);
        expect(new Set(options.map((o) => o.id)).size, kind).toBe(options.length);
        for (const option of options) {
          expect(option.id.length).toBeGreaterThan(0);
          expect(option.name.trim().length).toBeGreaterThan(0);
        }
      }
    });

    it('reports usage for a period as a count, with the period', async (ctx) => {
      const usage = h.provider.usage?.bind(h.provider);
      if (!usage) return ctx.skip();
      const end = new Date();
      const start = new Date(end.getTime() - 7 * 86_400_000);
      const summary = await usage({ start, end });
      expect(Number.isFinite(summary.used) && summary.used >= 0).toBe(true);
      expect([summary.start, summary.end]).toEqual([start.toISOString(), end.toISOString()]);
      if (summary.limit !== undefined) expect(summary.limit).toBeGreaterThanOrEqual(0);
    });

    it('refuses a knowledge file over its limit or of another type with bad_request, saying why', async (ctx) => {
      const { knowledgeLimits: limits } = h.provider;
      const upload = h.provider.uploadKnowledge?.bind(h.provider);
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
      const p = h.provider;
      if (!p.uploadKnowledge || !p.deleteKnowledge || !p.searchKnowledge || !h.knowledgeFile) return ctx.skip();
      const name = `Contract upload ${Date.now()}`;
      const item = await p.uploadKnowledge({ ...h.knowledgeFile, name });
      expect(item.name).toBe(name);
      expect((await p.searchKnowledge(name)).map((k) => k.id)).toContain(item.id);
      await p.deleteKnowledge(item.id);
      expect((await p.searchKnowledge(name)).map((k) => k.id)).not.toContain(item.id);
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
