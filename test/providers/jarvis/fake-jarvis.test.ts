/** The fake refuses what the Jarvis document refuses: otherwise tests passing against it would prove little. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeJarvis, type FakeJarvis } from '../../fakes/fake-jarvis.js';
import { spawnFakeJarvis } from '../../fakes/fake-jarvis-process.js';

let fake: FakeJarvis;
beforeAll(async () => {
  fake = await startFakeJarvis();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function call(base: string, key: string | undefined, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = key === undefined ? {} : { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
const api = (method: string, path: string, body?: unknown) => call(fake.url, fake.apiKey, method, path, body);

describe('fake Jarvis', () => {
  it('wants the key as a Bearer token, and never records it', async () => {
    expect((await call(fake.url, undefined, 'GET', '/agents/history')).status).toBe(401);
    expect((await call(fake.url, 'jrv_other', 'GET', '/agents/history')).status).toBe(401);
    expect((await api('GET', '/agents/history')).status).toBe(200);
    expect(JSON.stringify(fake.requests)).not.toContain(fake.apiKey);
  });

  it('answers an invoke as the document shows, and refuses unknown agents, priorities and a missing task', async () => {
    const ok = await api('POST', '/agents/invoke', { agent: 'paperclip', task: 'Triage.', priority: 'low', context: { repo: 'acme/web' } });
    expect(ok).toEqual({ status: 200, json: { task_id: expect.stringMatching(/^tsk_/), agent: 'paperclip', status: 'queued', created_at: expect.any(String) } });
    for (const body of [{ agent: 'athena', task: 'x' }, { agent: 'hermes', task: 'x', priority: 'urgent' }, { agent: 'hermes' }, { agent: 'hermes', task: 'x', context: ['a'] }]) {
      expect((await api('POST', '/agents/invoke', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(fake.tasks()).toHaveLength(1);
  });

  it('moves a task queued -> running -> completed as scripted, and 404s an unknown id', async () => {
    fake.script('hermes', { pollsUntilRunning: 1, pollsUntilDone: 1, result: 'Deployed.' });
    const { json } = await api('POST', '/agents/invoke', { agent: 'hermes', task: 'Deploy.' });
    const path = `/agents/status/${String(json.task_id)}`;
    expect((await api('GET', path)).json).toEqual({ task_id: json.task_id, agent: 'hermes', status: 'queued' });
    expect((await api('GET', path)).json).toMatchObject({ status: 'running', started_at: expect.any(String) });
    expect((await api('GET', path)).json).toMatchObject({ status: 'completed', result: 'Deployed.', completed_at: expect.any(String) });
    expect((await api('GET', path)).json).toMatchObject({ status: 'completed' });
    expect(await api('GET', '/agents/status/tsk_nope')).toEqual({ status: 404, json: { error: 'Task not found' } });
  });

  it('can go by time instead of polls', async () => {
    fake.script('paperclip', { runningAfterMs: 0, doneAfterMs: 80, error: 'Out of memory.' });
    const { json } = await api('POST', '/agents/invoke', { agent: 'paperclip', task: 'Big job.' });
    expect((await api('GET', `/agents/status/${String(json.task_id)}`)).json).toMatchObject({ status: 'running' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await api('GET', `/agents/status/${String(json.task_id)}`)).json).toMatchObject({ status: 'failed', error: 'Out of memory.' });
  });

  it('checks history parameters', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=ten', 'offset=-1', 'agent=athena', 'status=paused']) {
      expect((await api('GET', `/agents/history?${query}`)).status, query).toBe(400);
    }
    expect((await api('GET', '/agents/history?limit=100&offset=5')).json).toEqual({ tasks: [], total: 0 });
  });

  it('runs as a process of its own, reachable with only its URL and key', async () => {
    const child = await spawnFakeJarvis({ scripts: { paperclip: { pollsUntilRunning: 0, pollsUntilDone: 0, result: 'From the other process.' } } });
    try {
      const { json } = await call(child.url, child.apiKey, 'POST', '/agents/invoke', { agent: 'paperclip', task: 'Hello.' });
      expect((await call(child.url, child.apiKey, 'GET', `/agents/status/${String(json.task_id)}`, undefined)).json).toMatchObject({ status: 'completed', result: 'From the other process.' });
    } finally {
      await child.stop();
    }
  });
});
