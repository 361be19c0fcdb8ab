import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UNKNOWN_END_USER } from '../../../src/providers/browser-agent/index.js';
import type { RunEvent, TaskDefinition } from '../../../src/providers/types.js';
import { defaultHtml, defaultResult, startFakeBrowserAgent, type FakeBrowserAgent } from '../../fakes/fake-browser-agent.js';
import { browserFor, collect, runRequest, shape, textOf } from './setup.js';

let fake: FakeBrowserAgent;
let browse: TaskDefinition;
beforeAll(async () => {
  fake = await startFakeBrowserAgent();
  browse = await browserFor(fake).getTask('browse');
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const TASK = 'What is the current top story on Hacker News?';
const SCHEMA = { type: 'object', properties: { title: { type: 'string' }, points: { type: 'integer' } }, required: ['title'] };

describe('browser agent run', () => {
  it('submits once, says started with the task and session ids, a step per status, then the text and done', async () => {
    fake.script({ pollsUntilRunning: 2, pollsUntilDone: 2 });
    const events = await collect(browserFor(fake).run(runRequest(browse, { task: TASK })));
    const [task] = fake.tasks();
    expect(shape(events)).toEqual([
      `started:${task?.taskId}:${task?.sessionId}`,
      'step:pending:running:Waiting for a browser',
      'step:pending:completed:Got a browser',
      'step:running:running:Browsing',
      'step:running:completed:Finished browsing',
      'text',
      'done',
    ]);
    expect(textOf(events)).toBe(defaultResult(TASK));
    expect(fake.requestsTo('POST /v1/tasks')).toHaveLength(1);
    expect(fake.requestsTo('POST /v1/tasks')[0]?.body).toEqual({ endUserId: 'slack:T0123ABC:U0456DEF', task: TASK });
    // Two pending records, two running, one completed: polling stops at the end.
    expect(task?.polls).toBe(5);
  });

  it('sends every input as the document names it, and the answer to a schema as data, not text', async () => {
    const values = { task: TASK, startUrl: 'https://news.ycombinator.com/', schema: JSON.stringify(SCHEMA), maxSteps: '12', include_html_dump: 'false' };
    const events = await collect(browserFor(fake).run(runRequest(browse, values)));
    expect(fake.requestsTo('POST /v1/tasks')[0]?.body).toEqual({
      endUserId: 'slack:T0123ABC:U0456DEF',
      task: TASK,
      startUrl: 'https://news.ycombinator.com/',
      schema: SCHEMA,
      maxSteps: 12,
    });
    expect(events.filter((e) => e.type === 'structured')).toEqual([{ type: 'structured', data: { title: 'sample', points: 1 } }]);
    expect(textOf(events)).toBe(defaultResult(TASK));
    expect(shape(events).slice(-3)).toEqual(['text', 'structured', 'done']);
  });

  it('reports the last page as an HTML file when asked for it', async () => {
    const events = await collect(browserFor(fake).run(runRequest(browse, { task: TASK, include_html_dump: 'true' })));
    const [task] = fake.tasks();
    expect(fake.requestsTo('POST /v1/tasks')[0]?.body).toMatchObject({ include_html_dump: true });
    expect(events.find((e) => e.type === 'file')).toEqual({ type: 'file', name: `browser-agent-${task?.taskId}.html`, contentType: 'text/html', content: defaultHtml(TASK) });
    expect(events.at(-1)?.type).toBe('done');
  });

  it('ends a failed task with its error, the open step failed', async () => {
    fake.script({ pollsUntilRunning: 0, pollsUntilDone: 1, error: 'The page needs a login.' });
    const events = await collect(browserFor(fake).run(runRequest(browse, { task: TASK })));
    expect(shape(events).slice(-2)).toEqual(['step:running:failed:Browsing failed', 'error']);
    expect(events.at(-1)).toMatchObject({ type: 'error', partial: false, error: { code: 'upstream', message: 'The browser agent could not finish the task: The page needs a login.' } });
  });

  it('ends a task cancelled upstream with an error saying so', async () => {
    fake.script({ pollsUntilRunning: 0, pollsUntilDone: 0, cancelled: true });
    const events = await collect(browserFor(fake).run(runRequest(browse, { task: TASK })));
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'upstream', message: 'The browser agent cancelled the task on its side before it finished.' } });
  });

  it('names the Slack workspace and user as endUserId, and says when it does not know them', async () => {
    await collect(browserFor(fake).run(runRequest(browse, { task: TASK }, { onBehalfOf: undefined })));
    const long = { teamId: 'T1', userId: 'U'.repeat(300) };
    await collect(browserFor(fake).run(runRequest(browse, { task: TASK }, { onBehalfOf: long })));
    const [unknown, hashed] = fake.tasks().map((t) => t.endUserId);
    expect(unknown).toBe(UNKNOWN_END_USER);
    expect(hashed).toMatch(/^slack:sha256:[0-9a-f]{64}$/);
  });
});

describe('browser agent follow-up', () => {
  it('sends the earlier sessionId with the instruction as the task, and the agent goes on in that session', async () => {
    const first = await collect(browserFor(fake).run(runRequest(browse, { task: TASK, startUrl: 'https://news.ycombinator.com/', maxSteps: '5' })));
    const started = first[0];
    if (started?.type !== 'started') throw new Error('no started event');
    const instruction = 'Now open its comments and give me the top one.';
    const request = runRequest(browse, { task: TASK, startUrl: 'https://news.ycombinator.com/', maxSteps: '5' }, {
      continuation: { history: [{ output: textOf(first) }], instruction, upstreamSessionId: started.upstreamSessionId },
    });
    const events = await collect(browserFor(fake).run(request));
    expect(fake.requestsTo('POST /v1/tasks')[1]?.body).toEqual({ endUserId: 'slack:T0123ABC:U0456DEF', task: instruction, sessionId: started.upstreamSessionId, maxSteps: 5 });
    expect(events[0]).toMatchObject({ type: 'started', upstreamSessionId: started.upstreamSessionId });
    expect(textOf(events)).toBe(defaultResult(instruction, TASK));
    expect(new Set(fake.tasks().map((t) => t.sessionId)).size).toBe(1);
  });

  it('without a session id, starts a new session whose task carries the last answer and the instruction', async () => {
    const request = runRequest(browse, { task: TASK }, {
      continuation: { history: [{ output: 'v1' }, { instruction: 'Shorter.', output: 'v2' }], instruction: 'Now as a list.' },
    });
    await collect(browserFor(fake).run(request));
    const body = fake.requestsTo('POST /v1/tasks')[0]?.body;
    expect(body).toEqual({ endUserId: 'slack:T0123ABC:U0456DEF', task: 'Earlier task: Shorter.\n\nYour answer then:\nv2\n\nNow: Now as a list.' });
  });
});

describe('browser agent abort and resume', () => {
  it('stops polling quietly when the signal aborts', async () => {
    fake.script({ pollsUntilRunning: 0, pollsUntilDone: 1_000_000 });
    const controller = new AbortController();
    const events: RunEvent[] = [];
    for await (const event of browserFor(fake).run(runRequest(browse, { task: TASK }, { signal: controller.signal }))) {
      events.push(event);
      if (event.type === 'step' && event.id === 'running') controller.abort();
    }
    expect(events.map((e) => e.type)).toEqual(['started', 'step', 'step', 'step']);
    const polls = fake.requestsTo('GET /v1/tasks/:id').length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.requestsTo('GET /v1/tasks/:id')).toHaveLength(polls);
  });

  it('says nothing and sends nothing when aborted before the submit', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await collect(browserFor(fake).run(runRequest(browse, { task: TASK }, { signal: controller.signal })))).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it('resumes a task by its id: polls, no submit, no started, the same ending', async () => {
    fake.script({ pollsUntilRunning: 1, pollsUntilDone: 2, result: 'Resumed result.' });
    const first = new AbortController();
    let taskId = '';
    for await (const event of browserFor(fake).run(runRequest(browse, { task: TASK }, { signal: first.signal }))) {
      if (event.type === 'started') {
        taskId = event.upstreamRunId ?? '';
        first.abort();
      }
    }
    // A new provider, as in a new process after a restart.
    const events = await collect(browserFor(fake).resume(taskId, new AbortController().signal));
    expect(shape(events)).toEqual(['step:pending:running:Waiting for a browser', 'step:pending:completed:Got a browser', 'step:running:running:Browsing', 'step:running:completed:Finished browsing', 'text', 'done']);
    expect(textOf(events)).toBe('Resumed result.');
    expect(fake.requestsTo('POST /v1/tasks')).toHaveLength(1);
  });

  it('resumes a finished task with its output at once, and an unknown one with not_found', async () => {
    fake.script({ pollsUntilRunning: 0, pollsUntilDone: 0, result: 'Was done already.' });
    const response = await fetch(`${fake.url}/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ endUserId: 'slack:T1:U1', task: 'Submitted before the restart.' }),
    });
    const { taskId } = (await response.json()) as { taskId: string };
    const events = await collect(browserFor(fake).resume(taskId, new AbortController().signal));
    expect(shape(events)).toEqual(['text', 'done']);
    const unknown = await collect(browserFor(fake).resume('tsk_nope', new AbortController().signal));
    expect(unknown).toEqual([{ type: 'error', partial: false, error: expect.objectContaining({ code: 'not_found', status: 404 }) }]);
  });
});

it('offers one task, Browse, with its five inputs', async () => {
  const provider = browserFor(fake);
  expect([provider.id, provider.displayName]).toEqual(['browser', 'Browser agent']);
  const [task] = await provider.listTasks();
  expect(task?.inputs.map((i) => [i.name, i.slug, i.kind, i.required])).toEqual([
    ['Task', 'task', 'long_text', true],
    ['Start URL', 'start-url', 'url', false],
    ['Output schema', 'output-schema', 'json_schema', false],
    ['Max steps', 'max-steps', 'number', false],
    ['Include HTML', 'include-html', 'checkbox', false],
  ]);
  expect(task?.inputs.find((i) => i.kind === 'number')).toMatchObject({ min: 1, max: 25 });
  await expect(provider.getTask('search')).rejects.toMatchObject({ code: 'not_found' });
});
