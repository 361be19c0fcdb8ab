import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '../../../src/providers/errors.js';
import type { FetchFunction } from '../../../src/providers/http/http-client.js';
import { createJasperProvider } from '../../../src/providers/jasper/index.js';
import type { TaskDefinition } from '../../../src/providers/types.js';
import { BLOG_POST_TASK, startFakeJasper, type FakeJasper } from '../../fakes/fake-jasper.js';
import { FAST_RETRY, collect, inputId, jasperFor, lastEvent, runRequest } from './setup.js';

let fake: FakeJasper;
let blog: TaskDefinition;
beforeAll(async () => {
  fake = await startFakeJasper();
  blog = await jasperFor(fake).getTask(BLOG_POST_TASK.id);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(ProviderError);
      return error as ProviderError;
    },
  );

const runBlog = (options = {}, signal?: AbortSignal) =>
  collect(jasperFor(fake, options).run(runRequest(blog, { [inputId(blog, 'Topic')]: 'AI' }, signal ? { signal } : {})));

/** Records the back-off it is asked for and returns at once. */
function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

const STREAM = 'POST /tasks/:id/run/stream' as const;

describe('status mapping', () => {
  it('maps a wrong key to auth, without the key in the message', async () => {
    const wrongKey = 'jasper-WRONG-key-0123456789';
    const jasper = createJasperProvider({ apiKey: wrongKey, baseURL: fake.baseURL, retry: FAST_RETRY });
    const error = await rejection(jasper.listTasks());
    expect(error).toMatchObject({ code: 'auth', status: 401 });
    expect(error.message).toBe('Jasper did not accept the API key (401). Check that the key is set and still valid.');
    const events = await collect(jasper.run(runRequest(blog)));
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'auth' }), partial: false }]);
    // The task list and the run; the template list (read beside the task list) was refused too.
    expect(fake.requests.filter((r) => r.route !== 'GET /templates')).toHaveLength(2);
    expect(fake.requestsTo('GET /templates')).toHaveLength(1);
  });

  it.each([
    [403, 'forbidden', 'Jasper refused access (403); the key or the workspace\'s plan does not allow this: Forbidden.'],
    [404, 'not_found', 'Jasper could not find it (404): Not Found.'],
    [400, 'bad_request', 'Jasper refused the request (400): Bad Request.'],
    [422, 'bad_request', 'Jasper refused the request (422): Unprocessable Entity.'],
  ])('maps %i to %s', async (status, code, message) => {
    fake.failNext('GET /tasks/:id', { status });
    const error = await rejection(jasperFor(fake).getTask(blog.id));
    expect(error).toMatchObject({ code, status, message });
    expect(fake.requests).toHaveLength(1);
  });

  it('reads the message and request id from a {requestId, errors} body', async () => {
    fake.failNext('GET /tasks', { status: 400, body: { requestId: 'req-42', resource: 'tasks', errors: [{ message: 'searchTerm is too long' }] } });
    expect(await rejection(jasperFor(fake).listTasks())).toMatchObject({ code: 'bad_request', requestId: 'req-42', message: 'Jasper refused the request (400): searchTerm is too long.' });
  });

  it('never lets the API key into a message, whatever the body echoes', async () => {
    const jasper = jasperFor(fake, { maxRetries: 0 });
    const echo = `Key ${fake.apiKey} is not allowed`;
    const bodies = [{ statusCode: 0, message: echo }, { errors: [{ message: echo }] }, { message: [echo] }, { data: { error: { message: echo } } }, echo];
    for (const status of [400, 401, 403, 404, 422, 429, 500, 503]) {
      for (const body of bodies) {
        fake.failNext('GET /tasks/:id', { status, body });
        const error = await rejection(jasper.getTask(blog.id));
        expect(error.message).not.toContain(fake.apiKey);
        expect(String(error.stack)).not.toContain(fake.apiKey);
        fake.failNext(STREAM, { status, body });
        const event = lastEvent(await collect(jasper.run(runRequest(blog))));
        expect(event.type === 'error' && event.error.message).not.toContain(fake.apiKey);
      }
    }
  });

  it('maps an HTML 502 page to upstream', async () => {
    fake.failNext('GET /tasks', { status: 502, body: '<html><body>Bad gateway</body></html>', times: 3 });
    expect(await rejection(jasperFor(fake).listTasks())).toMatchObject({ code: 'upstream', status: 502, message: 'Jasper had a problem on its side (502). Try again in a moment.' });
  });

  it('maps a 200 with a body that is not what Jasper sends to invalid_response', async () => {
    const fetch: FetchFunction = async () => new Response('{"data": "nope"}', { headers: { 'content-type': 'application/json' } });
    const error = await rejection(createJasperProvider({ apiKey: 'k', baseURL: 'http://jasper.test/v1', fetch }).listTasks());
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('task list');
  });

  it('maps a JSON error answered instead of a stream by its status', async () => {
    const fetch: FetchFunction = async () => new Response('{"statusCode":404,"message":"app not found"}', { headers: { 'content-type': 'application/json' } });
    const events = await collect(createJasperProvider({ apiKey: 'k', baseURL: 'http://jasper.test/v1', fetch }).run(runRequest(blog)));
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'not_found' }), partial: false }]);
  });
});

describe('retries', () => {
  it('waits out Retry-After on a 429 read, then succeeds', async () => {
    const { delays, sleep } = recordingSleep();
    fake.failNext('GET /tasks', { status: 429, retryAfter: 2 });
    expect(await jasperFor(fake, { retry: { sleep } }).listTasks()).toHaveLength(2);
    expect(delays).toEqual([2000]);
    expect(fake.requestsTo('GET /tasks')).toHaveLength(2);
  });

  it('retries run start after a 429 (Jasper did not start it), once', async () => {
    const { delays, sleep } = recordingSleep();
    fake.failNext(STREAM, { status: 429, retryAfter: 'Thu, 01 Jan 1970 00:00:00 GMT' });
    const events = await runBlog({ retry: { sleep } });
    expect(lastEvent(events).type).toBe('done');
    expect(delays).toEqual([0]);
    expect(fake.requestsTo(STREAM)).toHaveLength(2);
  });

  it('gives up with rate_limited after the allowed retries', async () => {
    fake.failNext('GET /tasks', { status: 429, retryAfter: 0, times: 5 });
    const error = await rejection(jasperFor(fake).listTasks());
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 0 });
    expect(fake.requestsTo('GET /tasks')).toHaveLength(3);
  });

  it('does not wait out a Retry-After past the cap', async () => {
    fake.failNext('GET /tasks', { status: 429, retryAfter: 120 });
    const error = await rejection(jasperFor(fake).listTasks());
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000 });
    expect(error.message).toContain('Try again in 120 seconds');
    expect(fake.requestsTo('GET /tasks')).toHaveLength(1);
  });

  it('retries a 500 on a read with back-off', async () => {
    const { delays, sleep } = recordingSleep();
    fake.failNext('GET /tasks/:id', { status: 500, times: 2 });
    expect((await jasperFor(fake, { retry: { ...FAST_RETRY, sleep } }).getTask(blog.id)).id).toBe(blog.id);
    expect(fake.requestsTo('GET /tasks/:id')).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBeGreaterThanOrEqual(delays[0] ?? 0);
  });

  it.each([500, 502, 503, 408, 409])('never resends a run after a %i', async (status) => {
    fake.failNext(STREAM, { status, times: 3 });
    const events = await runBlog();
    expect(events).toHaveLength(1);
    expect(lastEvent(events)).toMatchObject({ type: 'error', partial: false });
    expect(fake.requestsTo(STREAM)).toHaveLength(1);
  });

  it('retries a read whose connection was reset, but never a run', async () => {
    fake.failNext('GET /tasks', { reset: true });
    expect(await jasperFor(fake).listTasks()).toHaveLength(2);
    expect(fake.requestsTo('GET /tasks')).toHaveLength(2);

    fake.failNext(STREAM, { reset: true });
    expect(lastEvent(await runBlog())).toMatchObject({ type: 'error', partial: false, error: { code: 'network' } });
    expect(fake.requestsTo(STREAM)).toHaveLength(1);
  });

  it('retries a run whose connection was refused (nothing was sent)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const fetch = vi.fn<FetchFunction>((input, init) => globalThis.fetch(input, init));
    const jasper = createJasperProvider({ apiKey: fake.apiKey, baseURL: `http://127.0.0.1:${port}/v1`, fetch, retry: FAST_RETRY });
    const events = await collect(jasper.run(runRequest(blog)));
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(lastEvent(events)).toMatchObject({ type: 'error', partial: false, error: { code: 'network', message: expect.stringContaining('Could not reach Jasper') } });
  });

  it('stops waiting in back-off when the caller aborts', async () => {
    fake.failNext('GET /tasks', { status: 503, retryAfter: 20 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await rejection(createJasperProvider({ apiKey: fake.apiKey, baseURL: fake.baseURL }).listTasks(controller.signal));
    expect(error.code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('time-outs', () => {
  it('times out a slow read, retrying it first', async () => {
    fake.setLatency({ listMs: 1000 });
    try {
      const error = await rejection(jasperFor(fake, { timeoutMs: 80, maxRetries: 1 }).listTasks());
      expect(error).toMatchObject({ code: 'timeout', message: 'Jasper did not answer within 1 second.' });
      expect(fake.requestsTo('GET /tasks')).toHaveLength(2);
    } finally {
      fake.setLatency({ listMs: 0 });
    }
  });

  it('times out a run that does not open, without resending it', async () => {
    fake.setLatency({ runStartMs: 1000 });
    try {
      const events = await runBlog({ timeoutMs: 80 });
      expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'timeout' }), partial: false }]);
      expect(fake.requestsTo(STREAM)).toHaveLength(1);
    } finally {
      fake.setLatency({ runStartMs: 0 });
    }
  });

  it('lets a long stream outlive the request time-out', async () => {
    fake.setLatency({ tokenIntervalMs: 2 });
    try {
      const started = Date.now();
      const events = await runBlog({ timeoutMs: 100 });
      expect(Date.now() - started).toBeGreaterThan(100);
      expect(lastEvent(events).type).toBe('done');
    } finally {
      fake.setLatency({ tokenIntervalMs: 0 });
    }
  });

  it('rejects a read cancelled by the caller with cancelled', async () => {
    fake.setLatency({ getMs: 1000 });
    try {
      const error = await rejection(jasperFor(fake).getTask(blog.id, AbortSignal.timeout(50)));
      expect(error.code).toBe('cancelled');
    } finally {
      fake.setLatency({ getMs: 0 });
    }
  });
});
