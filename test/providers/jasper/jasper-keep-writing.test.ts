import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/providers/errors.js';
import { BLOG_POST_TASK, DEFAULT_KEEP_WRITING_TEXT, startFakeJasper, type FakeJasper } from '../../fakes/fake-jasper.js';
import { startFakeLowCodeApi, type FakeLowCodeApi } from '../../fakes/fake-lowcodeapi.js';
import { collect, jasperFor, runRequest, textOf } from './setup.js';

let fake: FakeJasper;
let proxy: FakeLowCodeApi;
beforeAll(async () => {
  fake = await startFakeJasper();
  proxy = await startFakeLowCodeApi({ jasper: fake });
});
afterAll(async () => {
  await proxy.close();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  proxy.reset();
});

const keepWriting = (output: string) => ({ history: [{ output: 'An older draft.' }, { instruction: 'Shorter', output }], instruction: 'Keep writing', mode: 'keep_writing' as const });

describe('keep writing (RunRequest.continuation.mode)', () => {
  it.each(['direct', 'lowcodeapi'] as const)('%s: continues the last output through POST /keep-writing, as the same RunEvents', async (transport) => {
    const provider = transport === 'direct' ? jasperFor(fake) : jasperFor(fake, { transport, apiKey: proxy.token, baseURL: proxy.baseURL });
    const task = await provider.getTask(BLOG_POST_TASK.id);
    const events = await collect(provider.run(runRequest(task, {}, { continuation: keepWriting('The last output.'), brand: { toLanguage: 'FR' } })));
    expect(events.map((e) => e.type)).toEqual(['started', 'step', 'step', 'text', 'done']);
    expect(textOf(events)).toBe(DEFAULT_KEEP_WRITING_TEXT);
    expect(fake.requestsTo('POST /keep-writing').at(-1)?.body).toEqual({ inputs: { type: 'text', value: 'The last output.' }, options: { outputLanguage: 'FR' } });
    expect(fake.requestsTo('POST /tasks/:id/run/stream')).toHaveLength(0);
  });

  it('a 404 (the endpoint retired) ends with a retired not_found error that says so, sent once', async () => {
    fake.retire(['POST /keep-writing']);
    const provider = jasperFor(fake);
    const task = await provider.getTask(BLOG_POST_TASK.id);
    const last = (await collect(provider.run(runRequest(task, {}, { continuation: keepWriting('Text.') })))).at(-1);
    expect(last?.type).toBe('error');
    if (last?.type !== 'error') return;
    expect(last.error).toBeInstanceOf(ProviderError);
    expect(last.error).toMatchObject({ code: 'not_found', retired: true, message: "Your workspace's Jasper no longer offers Keep writing." });
    expect(fake.requestsTo('POST /keep-writing')).toHaveLength(1);
  });

  it('without an earlier output there is nothing to continue, and nothing is sent', async () => {
    const provider = jasperFor(fake);
    const task = await provider.getTask(BLOG_POST_TASK.id);
    const events = await collect(provider.run(runRequest(task, {}, { continuation: { history: [], instruction: 'Keep writing', mode: 'keep_writing' } })));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { code: 'bad_request' } });
    expect(fake.requestsTo('POST /keep-writing')).toHaveLength(0);
  });
});
