import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TaskDefinition } from '../../../src/providers/types.js';
import { startFakeJarvis, type FakeJarvis } from '../../fakes/fake-jarvis.js';
import { collect, jarvisFor, runRequest } from './setup.js';

let fake: FakeJarvis;
let paperclip: TaskDefinition;
beforeAll(async () => {
  fake = await startFakeJarvis();
  paperclip = await jarvisFor(fake).getTask('paperclip');
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const run = (options = {}) => collect(jarvisFor(fake, options).run(runRequest(paperclip, { task: 'Triage.' })));
const invokes = () => fake.requestsTo('POST /agents/invoke').length;

describe('Jarvis errors', () => {
  it('maps a wrong key to auth, without resending or repeating the key', async () => {
    const events = await run({ apiKey: 'jrv_wrong_key_123' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { code: 'auth', status: 401 } });
    expect(JSON.stringify(events)).not.toContain('jrv_wrong_key_123');
    expect(invokes()).toBe(1);
  });

  it.each([
    [403, 'forbidden'],
    [404, 'not_found'],
    [400, 'bad_request'],
  ] as const)('maps an invoke answered %i to %s', async (status, code) => {
    fake.failNext('POST /agents/invoke', { status, body: { error: 'Nope.' } });
    const events = await run();
    expect(events).toEqual([{ type: 'error', partial: false, error: expect.objectContaining({ code, status }) }]);
  });

  it('never resends an invoke that may have reached Jarvis: a 5xx or a dropped connection', async () => {
    fake.failNext('POST /agents/invoke', { status: 503, times: 3 });
    expect((await run()).at(-1)).toMatchObject({ type: 'error', error: { code: 'upstream', status: 503 } });
    expect(invokes()).toBe(1);
    fake.reset();
    fake.failNext('POST /agents/invoke', { reset: true, times: 3 });
    expect((await run()).at(-1)).toMatchObject({ type: 'error', error: { code: 'network' } });
    expect(invokes()).toBe(1);
  });

  it('waits out a 429 on the invoke (refused before any work) and invokes once more', async () => {
    fake.failNext('POST /agents/invoke', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const events = await run();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(events.at(-1)?.type).toBe('done');
    expect(invokes()).toBe(2);
    expect(fake.tasks()).toHaveLength(1);
  });

  it('reports a 429 whose Retry-After is too long to wait, saying when to try again', async () => {
    fake.failNext('POST /agents/invoke', { status: 429, retryAfter: 120 });
    const events = await run();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { code: 'rate_limited', retryAfterMs: 120_000, message: expect.stringContaining('Try again in 120 seconds') } });
    expect(invokes()).toBe(1);
  });

  it('retries failing polls and carries on: the task goes on upstream', async () => {
    fake.failNext('GET /agents/status/:id', { status: 503, times: 4 });
    const events = await run();
    expect(events.at(-1)?.type).toBe('done');
    expect(invokes()).toBe(1);
  });

  it('reports polls that keep failing after its allowance, and a poll refused for good at once', async () => {
    fake.failNext('GET /agents/status/:id', { status: 500, times: 100 });
    const failing = await run({ maxRetries: 0, poll: { initialDelayMs: 1, maxDelayMs: 2, maxFailedPolls: 2 } });
    expect(failing.at(-1)).toMatchObject({ type: 'error', error: { code: 'upstream' } });
    expect(fake.requestsTo('GET /agents/status/:id')).toHaveLength(3);
    fake.reset();
    fake.failNext('GET /agents/status/:id', { status: 401 });
    const refused = await run();
    expect(refused.at(-1)).toMatchObject({ type: 'error', error: { code: 'auth' } });
    expect(fake.requestsTo('GET /agents/status/:id')).toHaveLength(1);
  });

  it('refuses an unknown status as an unreadable answer', async () => {
    fake.failNext('GET /agents/status/:id', { status: 200, body: { task_id: 'tsk_1', agent: 'paperclip', status: 'paused' }, times: 100 });
    const events = await run({ poll: { initialDelayMs: 1, maxDelayMs: 2, maxFailedPolls: 1 } });
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'invalid_response' } });
  });

  it('gets only its own agents', async () => {
    const provider = jarvisFor(fake);
    expect((await provider.listTasks()).map((t) => [t.id, t.slug, t.name])).toEqual([
      ['paperclip', 'paperclip', 'Paperclip'],
      ['hermes', 'hermes', 'Hermes'],
    ]);
    await expect(provider.getTask('athena')).rejects.toMatchObject({ code: 'not_found' });
  });
});
