import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TaskDefinition } from '../../../src/providers/types.js';
import { startFakeBrowserAgent, type FakeBrowserAgent } from '../../fakes/fake-browser-agent.js';
import { browserFor, collect, runRequest } from './setup.js';

let fake: FakeBrowserAgent;
let browse: TaskDefinition;
beforeAll(async () => {
  fake = await startFakeBrowserAgent();
  browse = await browserFor(fake).getTask('browse');
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const run = (options = {}, request = runRequest(browse, { task: 'Find the pricing page.' })) => collect(browserFor(fake, options).run(request));
const submits = () => fake.requestsTo('POST /v1/tasks').length;

/** Two runs in one session: the first finishes, the second is the follow-up request (not yet run). */
async function followUpRequest(sessionId?: string) {
  const first = await run();
  const started = first[0];
  const upstreamSessionId = sessionId ?? (started?.type === 'started' ? started.upstreamSessionId : undefined);
  return runRequest(browse, { task: 'Find the pricing page.' }, { continuation: { history: [{ output: 'Found it.' }], instruction: 'And the enterprise plan?', upstreamSessionId } });
}

describe('browser agent errors, each a clear sentence', () => {
  it('400: says the agent refused the task, with its own words, and sends nothing again', async () => {
    fake.failNext('POST /v1/tasks', { status: 400, body: { error: 'task missing or empty' } });
    const events = await run();
    expect(events).toEqual([{ type: 'error', partial: false, error: expect.objectContaining({ code: 'bad_request', status: 400 }) }]);
    expect(events[0]?.type === 'error' && events[0].error.message).toBe(
      'The browser agent refused the task (an empty task, a user id over 256 characters, or a body it could not read) (400). It said: task missing or empty.',
    );
    expect(submits()).toBe(1);
  });

  it('400 on a follow-up: a session id of another business', async () => {
    const events = await collect(browserFor(fake).run(await followUpRequest('ses_of_someone_else')));
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'bad_request', message: expect.stringMatching(/^The browser agent refused the task or the earlier session it continues .*It said: sessionId is owned by another business\.$/) },
    });
  });

  it('401: no key reached the agent; names the setting, never the key', async () => {
    const events = await run({ apiKey: '' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { code: 'auth', status: 401, message: expect.stringContaining('check that BROWSER_AGENT_API_KEY is set') } });
    const wrong = await run({ apiKey: 'bra_wrong_key_123456' });
    expect(wrong[0]).toMatchObject({ type: 'error', error: { code: 'auth' } });
    expect(JSON.stringify(wrong)).not.toContain('bra_wrong_key_123456');
  });

  it('403: a revoked key', async () => {
    fake.revokeKey();
    const events = await run();
    expect(events[0]).toMatchObject({
      type: 'error',
      error: { code: 'forbidden', status: 403, message: 'The browser agent refused the request (403): the API key was revoked. Check BROWSER_AGENT_API_KEY. It said: The API key has been revoked.' },
    });
    expect(JSON.stringify(events)).not.toContain(fake.apiKey);
  });

  it("403 on a follow-up: a submit into another business's session", async () => {
    fake.addForeignSession('ses_foreign');
    const events = await collect(browserFor(fake).run(await followUpRequest('ses_foreign')));
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'forbidden', message: expect.stringContaining('the session this follow-up continues belongs to another account. Start a new thread') } });
  });

  it('429: waits out a short Retry-After (refused before any work) and submits once more', async () => {
    fake.failNext('POST /v1/tasks', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const events = await run();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(events.at(-1)?.type).toBe('done');
    expect(submits()).toBe(2);
    expect(fake.tasks()).toHaveLength(1);
  });

  it('429: says when to try again from a long Retry-After, with what the agent said', async () => {
    fake.failNext('POST /v1/tasks', { status: 429, retryAfter: 120, body: { error: 'Monthly task quota exceeded' } });
    const events = await run();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'error',
      error: { code: 'rate_limited', retryAfterMs: 120_000, message: "The browser agent's rate limit or quota is used up (429). Try again in 2 minutes. It said: Monthly task quota exceeded." },
    });
    expect(submits()).toBe(1);
  });

  it('429 without Retry-After, after the allowed retries: try again in a few minutes', async () => {
    fake.failNext('POST /v1/tasks', { status: 429, times: 3 });
    const events = await run();
    expect(events[0]).toMatchObject({ type: 'error', error: { code: 'rate_limited', message: expect.stringContaining('Try again in a few minutes.') } });
  });

  it('never resends a submit that may have reached the agent: a 5xx or a dropped connection', async () => {
    fake.failNext('POST /v1/tasks', { status: 503, times: 3 });
    expect((await run()).at(-1)).toMatchObject({ type: 'error', error: { code: 'upstream', status: 503 } });
    expect(submits()).toBe(1);
    fake.reset();
    fake.failNext('POST /v1/tasks', { reset: true, times: 3 });
    expect((await run()).at(-1)).toMatchObject({ type: 'error', error: { code: 'network' } });
    expect(submits()).toBe(1);
  });

  it('retries failing polls and carries on: the task goes on upstream', async () => {
    fake.failNext('GET /v1/tasks/:id', { status: 503, times: 4 });
    expect((await run()).at(-1)?.type).toBe('done');
    expect(submits()).toBe(1);
  });

  it('reports a poll refused for good at once, explained the same way', async () => {
    fake.failNext('GET /v1/tasks/:id', { status: 403, body: { error: 'The API key has been revoked' } });
    const events = await run();
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'forbidden', message: expect.stringContaining('the API key was revoked') } });
    expect(fake.requestsTo('GET /v1/tasks/:id')).toHaveLength(1);
  });

  it('refuses an unknown status as an unreadable answer', async () => {
    fake.failNext('GET /v1/tasks/:id', { status: 200, body: { taskId: 'tsk_1', status: 'paused' }, times: 100 });
    const events = await run({ poll: { initialDelayMs: 1, maxDelayMs: 2, maxFailedPolls: 1 } });
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'invalid_response' } });
  });
});
