import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../src/store/key-value-store.js';
import { countKeys, testRedisStore } from '../support/redis.js';
import { serveWebhookReplica, type WebhookReplica } from '../providers/jobs/setup.js';

let store: KeyValueStore;
let namespace: string;
let replica: WebhookReplica;
let dispose: () => Promise<void>;
beforeEach(async () => {
  const redis = await testRedisStore();
  ({ store, namespace } = redis);
  replica = await serveWebhookReplica(store);
  dispose = async () => {
    await replica.close();
    await redis.dispose();
  };
});
afterEach(() => dispose());

const post = (url: string, body = '{"job_id":"job_1","status":"running"}') =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.status);

async function boundAddress(jobId: string): Promise<{ url: string; wakes: () => number }> {
  const registration = await replica.inbox.register();
  await registration.bind(jobId);
  let wakes = 0;
  await replica.inbox.watch(jobId, () => void wakes++);
  return { url: registration.url, wakes: () => wakes };
}

describe('POST /webhooks/jobs/:token', () => {
  it('accepts its own token with 202 and wakes the job follower', async () => {
    const { url, wakes } = await boundAddress('job_1');
    expect(await post(url)).toBe(202);
    await expect.poll(wakes).toBe(1);
    await expect.poll(() => replica.deliveries).toEqual(['woken']);
  });

  it('stores only a hash of the token', async () => {
    const { url } = await boundAddress('job_1');
    const token = url.split('/').at(-1) ?? '';
    const [selector, secret] = token.split('.');
    const record = await store.get(`jobs-webhook:${selector}`);
    expect(record).toEqual({ secretHash: expect.stringMatching(/^[0-9a-f]{64}$/), jobId: 'job_1' });
    expect(JSON.stringify(record)).not.toContain(secret);
  });

  it('refuses a forged, altered or malformed token with 404, and does nothing', async () => {
    const { url, wakes } = await boundAddress('job_1');
    const keys = await countKeys(namespace);
    const token = url.split('/').at(-1) ?? '';
    const [selector, secret = ''] = token.split('.');
    const base = url.slice(0, url.length - token.length);
    const altered = `${selector}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of [altered, `AAAAAAAAAAAAAAAA.${secret}`, 'short', `${token}x`, '%zz']) expect(await post(`${base}${forged}`), forged).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(wakes()).toBe(0);
    expect(replica.deliveries).toEqual([]);
    expect(await countKeys(namespace)).toBe(keys);
  });

  it('ignores a callback delivered twice', async () => {
    const { url, wakes } = await boundAddress('job_1');
    expect(await post(url)).toBe(202);
    expect(await post(url)).toBe(202);
    expect(await post(url, '{"job_id":"job_1","status":"completed"}')).toBe(202);
    await expect.poll(() => replica.deliveries).toEqual(['woken', 'duplicate', 'woken']);
    await expect.poll(wakes).toBe(2);
  });

  it('accepts a callback for a job not created yet and drops it (its follower reads the job once it exists)', async () => {
    const registration = await replica.inbox.register();
    expect(await post(registration.url)).toBe(202);
    await expect.poll(() => replica.deliveries).toEqual(['unbound']);
  });

  it('refuses a body larger than a callback can be', async () => {
    const { url } = await boundAddress('job_1');
    expect(await post(url, JSON.stringify({ padding: 'x'.repeat(70_000) }))).toBe(413);
  });
});
