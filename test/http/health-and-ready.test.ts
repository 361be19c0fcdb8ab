import { afterEach, describe, expect, it } from 'vitest';
import { healthRoute, type WorkerStatus } from '../../src/http/health-route.js';
import { readyRoute } from '../../src/http/ready-route.js';
import type { KeyValueStore } from '../../src/store/key-value-store.js';
import { testRedisStore } from '../support/redis.js';
import { serveRoutes } from '../../src/http/serve-routes.js';

/** A Redis store whose server does not answer: only `kind` and `ping` are read by these routes. */
const unreachableStore: Pick<KeyValueStore, 'kind' | 'ping'> = { kind: 'redis', ping: async () => false };

describe('GET /healthz and GET /readyz', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function serve(store: Pick<KeyValueStore, 'kind' | 'ping'>, options: { draining: () => boolean; worker?: () => WorkerStatus }) {
    const server = await serveRoutes([healthRoute(store, { worker: options.worker }), readyRoute(store, { draining: options.draining })]);
    cleanups.push(server.close);
    const get = async (path: string) => {
      const response = await fetch(`${server.url}${path}`);
      return { status: response.status, cacheControl: response.headers.get('cache-control'), body: (await response.json()) as unknown };
    };
    return get;
  }

  async function redisStore() {
    const redis = await testRedisStore();
    cleanups.push(redis.dispose);
    return redis.store;
  }

  it('health says the store and the worker state, and follows the worker as it changes', async () => {
    let worker: WorkerStatus = { enabled: true, connected: true };
    const get = await serve(await redisStore(), { draining: () => false, worker: () => worker });

    expect(await get('/healthz')).toEqual({
      status: 200,
      cacheControl: 'no-store',
      body: { ok: true, store: { kind: 'redis', reachable: true }, worker: { enabled: true, connected: true } },
    });
    worker = { enabled: true, connected: false };
    expect((await get('/healthz')).body).toMatchObject({ worker: { enabled: true, connected: false } });
  });

  it('health keeps its former body when no worker status is given', async () => {
    const get = await serve(await redisStore(), { draining: () => false });
    expect((await get('/healthz')).body).toEqual({ ok: true, store: { kind: 'redis', reachable: true } });
  });

  it('readiness is 200 normally and 503 while draining', async () => {
    let draining = false;
    const get = await serve(await redisStore(), { draining: () => draining });

    expect(await get('/readyz')).toEqual({ status: 200, cacheControl: 'no-store', body: { ready: true } });
    draining = true;
    expect(await get('/readyz')).toEqual({ status: 503, cacheControl: 'no-store', body: { ready: false, reason: 'draining' } });
    // Liveness is not readiness: a draining process is still alive.
    expect((await get('/healthz')).status).toBe(200);
  });

  it('readiness is 503 when the store does not answer, while health stays 200 and says so', async () => {
    const get = await serve(unreachableStore, { draining: () => false, worker: () => ({ enabled: false, connected: false }) });

    expect(await get('/readyz')).toEqual({ status: 503, cacheControl: 'no-store', body: { ready: false, reason: 'store unreachable' } });
    expect(await get('/healthz')).toEqual({
      status: 200,
      cacheControl: 'no-store',
      body: { ok: true, store: { kind: 'redis', reachable: false }, worker: { enabled: false, connected: false } },
    });
  });
});
