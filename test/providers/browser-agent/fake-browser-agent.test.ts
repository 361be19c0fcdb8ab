/** The fake refuses what the browser agent's document refuses: otherwise tests passing against it would prove little. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBrowserAgent, type FakeBrowserAgent } from '../../fakes/fake-browser-agent.js';
import { spawnFakeBrowserAgent } from '../../fakes/fake-browser-agent-process.js';

let fake: FakeBrowserAgent;
beforeAll(async () => {
  fake = await startFakeBrowserAgent();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function call(base: string, key: string | undefined, method: string, path: string, body?: string | object) {
  const headers: Record<string, string> = key === undefined ? {} : { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
const api = (method: string, path: string, body?: string | object) => call(fake.url, fake.apiKey, method, path, body);
const submit = (body: string | object) => api('POST', '/tasks', body);

describe('fake browser agent', () => {
  it('answers 401 without an Authorization header, 403 once the key is revoked, and never records the key', async () => {
    expect(await call(fake.url, undefined, 'POST', '/tasks', { endUserId: 'a', task: 'x' })).toEqual({ status: 401, json: { error: 'Missing Authorization header' } });
    expect((await submit({ endUserId: 'a', task: 'x' })).status).toBe(201);
    fake.revokeKey();
    expect((await submit({ endUserId: 'a', task: 'x' })).status).toBe(403);
    expect(JSON.stringify(fake.requests)).not.toContain(fake.apiKey);
  });

  it('answers a submit as the document shows, and refuses what it names as 400', async () => {
    const ok = await submit({ endUserId: 'alice', task: 'What is the current top story on Hacker News?' });
    expect(ok).toEqual({ status: 201, json: { taskId: expect.any(String), sessionId: expect.any(String), status: 'pending', createdAt: expect.any(String) } });
    for (const body of [{ endUserId: 'a' }, { endUserId: 'a', task: '   ' }, { task: 'x' }, { endUserId: 'a'.repeat(257), task: 'x' }, '{not json', { endUserId: 'a', task: 'x', sessionId: 'ses_unknown' }]) {
      expect((await submit(body)).status, JSON.stringify(body)).toBe(400);
    }
    fake.addForeignSession('ses_theirs');
    expect((await submit({ endUserId: 'a', task: 'x', sessionId: 'ses_theirs' })).status).toBe(403);
    expect(fake.tasks()).toHaveLength(1);
  });

  it('clamps maxSteps to 25, moves pending -> running -> completed, and 404s an unknown id', async () => {
    fake.script({ pollsUntilRunning: 1, pollsUntilDone: 1, result: 'Top story: X.' });
    const { json } = await submit({ endUserId: 'a', task: 'Top story?', maxSteps: 99 });
    expect(fake.tasks()[0]?.maxSteps).toBe(25);
    const path = `/tasks/${String(json.taskId)}`;
    expect((await api('GET', path)).json).toMatchObject({ status: 'pending', sessionId: json.sessionId });
    expect((await api('GET', path)).json).toMatchObject({ status: 'running' });
    expect((await api('GET', path)).json).toMatchObject({ status: 'completed', result: 'Top story: X.' });
    expect((await api('GET', path)).json).not.toHaveProperty('structured_content');
    expect(await api('GET', '/tasks/tsk_nope')).toEqual({ status: 404, json: { error: 'Task not found' } });
  });

  it('gives structured_content when a schema was given, html_dump when asked, and keeps a session going', async () => {
    fake.script({ pollsUntilRunning: 0, pollsUntilDone: 0 });
    const schema = { type: 'object', properties: { title: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } };
    const first = await submit({ endUserId: 'a', task: 'Top story?', schema, include_html_dump: true });
    const done = (await api('GET', `/tasks/${String(first.json.taskId)}`)).json;
    expect(done).toMatchObject({ status: 'completed', structured_content: { title: 'sample', tags: ['sample'] }, html_dump: expect.stringContaining('<html>') });
    const next = await submit({ endUserId: 'a', task: 'Its comments?', sessionId: first.json.sessionId });
    expect(next.json.sessionId).toBe(first.json.sessionId);
    expect((await api('GET', `/tasks/${String(next.json.taskId)}`)).json.result).toContain('Went on from "Top story?"');
  });

  it('runs as a process of its own, reachable with only its URL and key', async () => {
    const child = await spawnFakeBrowserAgent({ script: { pollsUntilRunning: 0, pollsUntilDone: 0, result: 'From the other process.' } });
    try {
      const { json } = await call(child.url, child.apiKey, 'POST', '/tasks', { endUserId: 'a', task: 'Hello.' });
      expect((await call(child.url, child.apiKey, 'GET', `/tasks/${String(json.taskId)}`)).json).toMatchObject({ status: 'completed', result: 'From the other process.' });
    } finally {
      await child.stop();
    }
  });
});
