import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent, TaskDefinition } from '../../../src/providers/types.js';
import { defaultResult, startFakeJarvis, type FakeJarvis } from '../../fakes/fake-jarvis.js';
import { collect, jarvisFor, runRequest, textOf } from './setup.js';

let fake: FakeJarvis;
let paperclip: TaskDefinition;
let hermes: TaskDefinition;
beforeAll(async () => {
  fake = await startFakeJarvis();
  paperclip = await jarvisFor(fake).getTask('paperclip');
  hermes = await jarvisFor(fake).getTask('hermes');
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const TASK = 'Review open GitHub issues and draft a prioritized triage summary.';
const shape = (events: RunEvent[]) =>
  events.map((e) => (e.type === 'step' ? `step:${e.id}:${e.status}:${e.label}` : e.type === 'started' ? `started:${e.upstreamRunId}` : e.type));

describe('Jarvis run', () => {
  it('invokes once, says started with the task id, a step per status, then the result and done', async () => {
    fake.script('paperclip', { pollsUntilRunning: 2, pollsUntilDone: 2 });
    const events = await collect(jarvisFor(fake).run(runRequest(paperclip, { task: TASK })));
    const [task] = fake.tasks();
    expect(shape(events)).toEqual([
      `started:${task?.task_id}`,
      'step:queued:running:Waiting in the Jarvis queue',
      'step:queued:completed:Left the queue',
      'step:running:running:Paperclip is working',
      'step:running:completed:Paperclip finished',
      'text',
      'done',
    ]);
    expect(textOf(events)).toBe(defaultResult('paperclip', TASK));
    expect(fake.requestsTo('POST /agents/invoke')).toHaveLength(1);
    expect(fake.requestsTo('POST /agents/invoke')[0]?.body).toEqual({ agent: 'paperclip', task: TASK, priority: 'normal' });
    // Two queued answers, two running, one completed: polling stops at the end.
    expect(task?.polls).toBe(5);
  });

  it('sends the priority and the context lines as the context object', async () => {
    await collect(jarvisFor(fake).run(runRequest(hermes, { task: 'Deploy to staging.', priority: 'high', context: 'image: web:1.4.2\n\nenv=staging\nurl: https://x.example/a=b' })));
    expect(fake.requestsTo('POST /agents/invoke')[0]?.body).toEqual({
      agent: 'hermes',
      task: 'Deploy to staging.',
      priority: 'high',
      context: { image: 'web:1.4.2', env: 'staging', url: 'https://x.example/a=b' },
    });
  });

  it('shows running, text and done when the first poll already finds the task running', async () => {
    fake.script('hermes', { pollsUntilRunning: 0, pollsUntilDone: 0, result: 'Deployed.' });
    const events = await collect(jarvisFor(fake).run(runRequest(hermes, { task: 'Deploy.' })));
    expect(shape(events).slice(1)).toEqual(['step:queued:running:Waiting in the Jarvis queue', 'step:queued:completed:Left the queue', 'text', 'done']);
    expect(textOf(events)).toBe('Deployed.');
  });

  it('ends a failed task with its error, the open step failed', async () => {
    fake.script('paperclip', { pollsUntilRunning: 0, pollsUntilDone: 1, error: 'GitHub token expired.' });
    const events = await collect(jarvisFor(fake).run(runRequest(paperclip, { task: TASK })));
    expect(shape(events).slice(-2)).toEqual(['step:running:failed:Paperclip failed', 'error']);
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'error', partial: false, error: { code: 'upstream', message: 'Paperclip could not finish the task: GitHub token expired.' } });
  });

  it('finishes a task held running when the fake is told to', async () => {
    fake.script('paperclip', { pollsUntilRunning: 0, pollsUntilDone: 1_000_000 });
    const events: RunEvent[] = [];
    for await (const event of jarvisFor(fake).run(runRequest(paperclip, { task: TASK }))) {
      events.push(event);
      if (event.type === 'step' && event.id === 'running') fake.finish(fake.tasks()[0]?.task_id ?? '', { result: 'Held, then done.' });
    }
    expect(textOf(events)).toBe('Held, then done.');
    expect(events.at(-1)?.type).toBe('done');
  });

  it('polls with a growing wait, up to its ceiling', async () => {
    fake.script('paperclip', { pollsUntilRunning: 0, pollsUntilDone: 6 });
    await collect(jarvisFor(fake, { poll: { initialDelayMs: 10, maxDelayMs: 40, factor: 2 } }).run(runRequest(paperclip, { task: TASK })));
    const at = fake.requestsTo('GET /agents/status/:id').map((r) => r.at);
    const gaps = at.slice(1).map((t, i) => t - (at[i] ?? t));
    expect(gaps.length).toBe(6);
    // 20, 40, 40, ...: timers fire late, never early.
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    for (const gap of gaps.slice(1)) expect(gap).toBeGreaterThanOrEqual(38);
  });
});

describe('Jarvis follow-up', () => {
  it('invokes the same agent with the instruction as the task and the turn before in context', async () => {
    const request = runRequest(paperclip, { task: TASK, context: 'repo: acme/web' }, {
      continuation: { history: [{ output: 'Summary v1' }], instruction: 'Only the bugs, please.' },
    });
    const events = await collect(jarvisFor(fake).run(request));
    expect(events.at(-1)?.type).toBe('done');
    expect(fake.requestsTo('POST /agents/invoke')[0]?.body).toEqual({
      agent: 'paperclip',
      task: 'Only the bugs, please.',
      priority: 'normal',
      context: { repo: 'acme/web', previous_task: TASK, previous_result: 'Summary v1' },
    });
  });

  it('names the last instruction as the previous task, and keeps the original', async () => {
    const request = runRequest(paperclip, { task: TASK }, {
      continuation: { history: [{ output: 'v1' }, { instruction: 'Only the bugs.', output: 'v2' }], instruction: 'Now as a table.' },
    });
    await collect(jarvisFor(fake).run(request));
    expect(fake.requestsTo('POST /agents/invoke')[0]?.body).toMatchObject({
      task: 'Now as a table.',
      context: { previous_task: 'Only the bugs.', previous_result: 'v2', original_task: TASK },
    });
  });
});

describe('Jarvis inputs refused before anything is sent', () => {
  it.each([
    ['a context line that is neither', { task: TASK, context: 'repo: acme/web\njust words' }, 'Context line 2 is not "key: value" or "key=value"'],
    ['a context line without a key', { task: TASK, context: ': value' }, 'Context line 1 has no name before ":"'],
    ['a context key given twice', { task: TASK, context: 'a: 1\na=2' }, 'Context line 2 gives "a" a second time.'],
    ['an empty task', { task: '  ' }, 'The Task is empty'],
    ['an unknown priority', { task: TASK, priority: 'urgent' }, 'Priority must be low, normal or high'],
  ])('%s', async (_what, values, message) => {
    const events = await collect(jarvisFor(fake).run(runRequest(paperclip, values)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', partial: false, error: { code: 'bad_request', message: expect.stringContaining(message) } });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('Jarvis abort and resume', () => {
  it('stops polling quietly when the signal aborts', async () => {
    fake.script('paperclip', { pollsUntilRunning: 0, pollsUntilDone: 1_000_000 });
    const controller = new AbortController();
    const events: RunEvent[] = [];
    for await (const event of jarvisFor(fake).run(runRequest(paperclip, { task: TASK }, { signal: controller.signal }))) {
      events.push(event);
      if (event.type === 'step' && event.id === 'running') controller.abort();
    }
    expect(events.map((e) => e.type)).toEqual(['started', 'step', 'step', 'step']);
    const polls = fake.requestsTo('GET /agents/status/:id').length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.requestsTo('GET /agents/status/:id')).toHaveLength(polls);
  });

  it('says nothing when aborted before the invoke answers', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await collect(jarvisFor(fake).run(runRequest(paperclip, { task: TASK }, { signal: controller.signal })))).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it('resumes a task by its id: polls, no invoke, no started, the same ending', async () => {
    fake.script('paperclip', { pollsUntilRunning: 1, pollsUntilDone: 2, result: 'Resumed result.' });
    const first = new AbortController();
    let taskId = '';
    for await (const event of jarvisFor(fake).run(runRequest(paperclip, { task: TASK }, { signal: first.signal }))) {
      if (event.type === 'started') {
        taskId = event.upstreamRunId ?? '';
        first.abort();
      }
    }
    // A new provider, as in a new process after a restart.
    const events = await collect(jarvisFor(fake).resume(taskId, new AbortController().signal));
    expect(shape(events)).toEqual(['step:queued:running:Waiting in the Jarvis queue', 'step:queued:completed:Left the queue', 'step:running:running:Paperclip is working', 'step:running:completed:Paperclip finished', 'text', 'done']);
    expect(textOf(events)).toBe('Resumed result.');
    expect(fake.requestsTo('POST /agents/invoke')).toHaveLength(1);
  });

  it('resumes a task that has already finished with its result at once', async () => {
    fake.script('hermes', { pollsUntilRunning: 0, pollsUntilDone: 0, result: 'Was done already.' });
    const events = await collect(jarvisFor(fake).resume(await invokeDirectly('hermes'), new AbortController().signal));
    expect(shape(events)).toEqual(['text', 'done']);
    expect(textOf(events)).toBe('Was done already.');
  });
});

async function invokeDirectly(agent: string): Promise<string> {
  const response = await fetch(`${fake.url}/agents/invoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ agent, task: 'Invoked before the restart.' }),
  });
  const { task_id: id } = (await response.json()) as { task_id: string };
  return id;
}
