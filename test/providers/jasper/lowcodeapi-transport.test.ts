import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/providers/errors.js';
import { proxyRequest } from '../../../src/providers/jasper/lowcodeapi-transport.js';
import { BLOG_POST_TASK, DEFAULT_KNOWLEDGE, startFakeJasper, type FakeJasper } from '../../fakes/fake-jasper.js';
import { startFakeLowCodeApi, type FakeLowCodeApi } from '../../fakes/fake-lowcodeapi.js';
import { jasperFor } from './setup.js';

let jasper: FakeJasper;
let proxy: FakeLowCodeApi;
beforeAll(async () => {
  jasper = await startFakeJasper();
  proxy = await startFakeLowCodeApi({ jasper });
});
afterAll(async () => {
  await proxy.close();
  await jasper.close();
});
beforeEach(() => {
  jasper.reset();
  proxy.reset();
});

const overProxy = (token = proxy.token, warnings: string[] = []) =>
  jasperFor(jasper, { transport: 'lowcodeapi', apiKey: token, baseURL: proxy.baseURL, logger: { warn: (m) => void warnings.push(m) } });

describe('proxyRequest', () => {
  const request = { method: 'GET' as const, path: '/knowledge/{knowledge_id}', pathParams: { knowledge_id: 'kno 1' }, query: { page: 2 } };
  it('new format: the parameter stays in the path, the token in the query, under /v1', () => {
    expect(proxyRequest(request, 'new', 'tok')).toMatchObject({ path: '/v1/knowledge/{knowledge_id}', pathParams: { knowledge_id: 'kno 1' }, query: { page: 2, api_token: 'tok' } });
  });
  it('old format: the parameter name in the path and its value in the query', () => {
    const old = proxyRequest(request, 'old', 'tok');
    expect(old.path).toBe('/v1/knowledge/knowledge_id');
    expect(old.pathParams).toBeUndefined();
    expect(old.query).toEqual({ page: 2, knowledge_id: 'kno 1', api_token: 'tok' });
  });
});

describe('the LowCodeAPI transport', () => {
  it('sends the token as api_token (never to Jasper) and unwraps the data envelope', async () => {
    const tasks = await overProxy().listTasks();
    expect(tasks.map((t) => t.id)).toContain(BLOG_POST_TASK.id);
    expect(proxy.requests.every((r) => r.authorised && r.path.startsWith('/jasper/v1/'))).toBe(true);
    expect(jasper.requests.every((r) => !('api_token' in r.query))).toBe(true);
  });

  it('a refused token is the typed auth error, without the token in its message', async () => {
    const error = await overProxy('wrong-token-1234').listTasks().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('auth');
    expect((error as ProviderError).message).not.toContain('wrong-token-1234');
  });

  it("the proxy's error envelope keeps its status and message", async () => {
    proxy.failNext({ status: 400, message: 'Provider jasper is not connected for this account', code: 'PROVIDER_NOT_CONNECTED' });
    const error = (await overProxy().knowledge!.search('').catch((e: unknown) => e)) as ProviderError;
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('Provider jasper is not connected for this account');
  });

  it('uses the new URL format when it works, and remembers it', async () => {
    const provider = overProxy();
    await provider.getTask(BLOG_POST_TASK.id);
    await provider.getTask(BLOG_POST_TASK.id);
    expect(proxy.requests.map((r) => r.format)).toEqual(['new', 'new']);
  });

  it('falls back to the old URL format on a 404, says so once, and goes straight to it afterwards', async () => {
    proxy.setUrlFormats('old');
    const warnings: string[] = [];
    const provider = overProxy(proxy.token, warnings);
    expect((await provider.getTask(BLOG_POST_TASK.id)).id).toBe(BLOG_POST_TASK.id);
    await provider.knowledge!.delete!(DEFAULT_KNOWLEDGE[0]!.id);
    expect((await provider.getTask(BLOG_POST_TASK.id)).id).toBe(BLOG_POST_TASK.id);
    expect(proxy.requests.map((r) => r.format)).toEqual(['new', 'old', 'new', 'old', 'old']);
    expect(proxy.requests[1]).toMatchObject({ path: '/jasper/v1/tasks/task_id', query: { task_id: BLOG_POST_TASK.id } });
    expect(warnings.filter((w) => w.includes('old URL format'))).toHaveLength(2);
    expect(jasper.requestsTo('DELETE /knowledge/:id')).toHaveLength(1);
  });

  it('a task that does not exist is not_found in either format', async () => {
    const error = (await overProxy().getTask('does-not-exist').catch((e: unknown) => e)) as ProviderError;
    expect(error.code).toBe('not_found');
    expect(proxy.requests.map((r) => r.format)).toEqual(['new', 'old']);
  });
});
