import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent, TaskDefinition } from '../../../src/providers/types.js';
import { DEFAULT_TOKENS_USED, defaultJobResult, startFakeJobs, type FakeJobs } from '../../fakes/fake-jobs.js';
import { collect, jobsFor, runRequest, textOf } from './setup.js';

let fake: FakeJobs;
let researcher: TaskDefinition;
beforeAll(async () => {
  fake = await startFakeJobs();
  researcher = await jobsFor(fake).getTask('agt_01');
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const OBJECTIVE = 'Compare the three largest competitors and recommend a positioning.';
const shape = (events: RunEvent[]) =>
  events.map((e) => {
    if (e.type === 'step') return `step:${e.id}:${e.status}:${e.label}`;
    if (e.type === 'subjob') return `subjob:${e.id}:${e.parentId}:${e.status}:${e.label}`;
    if (e.type === 'started') return `started:${e.upstreamRunId}`;
    return e.type;
  });

describe('jobs run, polling (no PUBLIC_URL)', () => {
  it('creates the job once, says started, a step per status, subjobs under their parent, the result as data, a summary and done with the tokens', async () => {
    const events = await collect(jobsFor(fake).run(runRequest(researcher, { objective: OBJECTIVE })));
    const [job] = fake.jobs();
    const id = job?.id ?? '';
    expect(shape(events)).toEqual([
      `started:${id}`,
      'step:queued:running:Waiting in the jobs queue',
      'step:queued:completed:Left the queue',
      'step:running:running:Researcher is working',
      `subjob:${id}_sources:${id}:running:agt_helper: Gather sources`,
      `subjob:${id}_sources:${id}:completed:agt_helper: Gather sources`,
      'step:running:completed:Researcher finished',
      'structured',
      'text',
      'done',
    ]);
    expect(events.find((e) => e.type === 'structured')).toEqual({ type: 'structured', data: defaultJobResult('agt_01', OBJECTIVE) });
    expect(textOf(events)).toBe('Researcher finished the job; the result holds summary and sources (2 items).');
    expect(events.at(-1)).toEqual({ type: 'done', usage: { tokens: DEFAULT_TOKENS_USED } });
    expect(fake.requestsTo('POST /v1/jobs')).toHaveLength(1);
    expect(fake.requestsTo('POST /v1/jobs')[0]?.body).toEqual({ agent_id: 'agt_01', brief: { objective: OBJECTIVE } });
  });

  it('sends the context, the output schema and the constraints as the brief has them', async () => {
    const schema = { type: 'object', properties: { recommendation: { type: 'string' } } };
    await collect(
      jobsFor(fake).run(
        runRequest(researcher, { objective: OBJECTIVE, context: 'We sell to dentists.', output_schema: JSON.stringify(schema), constraints: 'max_minutes: 10\n\ntools: web_search\nstrict: true' }),
      ),
    );
    expect(fake.requestsTo('POST /v1/jobs')[0]?.body).toEqual({
      agent_id: 'agt_01',
      brief: { objective: OBJECTIVE, context: 'We sell to dentists.', output_schema: schema, constraints: { max_minutes: 10, tools: 'web_search', strict: true } },
    });
  });

  it.each([
    [{ output_schema: '{"type": "object",' }, /^The Output schema is not valid JSON/],
    [{ output_schema: '["a"]' }, /not a JSON Schema: it must be a JSON object/],
    [{ output_schema: '{"type":"object","required":"title"}' }, /"required" must be a list of property names/],
    [{ output_schema: '{"type":"thing"}' }, /"type" must be one of/],
    [{ constraints: 'max_minutes 10' }, /^Constraints line 1 is not "key: value"/],
    [{ constraints: 'a: 1\na: 2' }, /^Constraints line 2 gives "a" a second time/],
    [{ objective: '  ' }, /^The Objective is empty/],
  ])('refuses %j with the reason before sending anything', async (values, message) => {
    const events = await collect(jobsFor(fake).run(runRequest(researcher, { objective: OBJECTIVE, ...values })));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', partial: false, error: { code: 'bad_request', message: expect.stringMatching(message) } });
    expect(fake.requestsTo('POST /v1/jobs')).toHaveLength(0);
  });

  it('ends a failed job with its reason and a cancelled one as cancelled, the open step failed', async () => {
    fake.script('agt_01', { stages: [{ status: 'running' }, { status: 'failed' }], error: 'The sources were unreachable.' });
    const failed = await collect(jobsFor(fake).run(runRequest(researcher, { objective: OBJECTIVE })));
    expect(shape(failed).slice(-2)).toEqual(['step:running:failed:Researcher stopped', 'error']);
    expect(failed.at(-1)).toMatchObject({ type: 'error', error: { code: 'upstream', message: 'Researcher could not finish the job: The sources were unreachable.' } });

    fake.script('agt_01', { stages: [{ status: 'cancelled' }] });
    const cancelled = await collect(jobsFor(fake).run(runRequest(researcher, { objective: OBJECTIVE })));
    expect(cancelled.at(-1)).toMatchObject({ type: 'error', error: { code: 'cancelled', message: 'The job given to Researcher was cancelled in the jobs service.' } });
  });

  it('says done without usage when the job gives no token count, and a sentence when it gives no result', async () => {
    fake.script('agt_01', { stages: [{ status: 'completed' }], result: null });
    const events = await collect(jobsFor(fake).run(runRequest(researcher, { objective: OBJECTIVE })));
    expect(textOf(events)).toBe('Researcher finished the job; it gave no result.');
    expect(events.some((e) => e.type === 'structured')).toBe(false);
  });

  it('follows a job it did not create (resume) without sending anything', async () => {
    const first = new AbortController();
    let jobId = '';
    for await (const event of jobsFor(fake).run(runRequest(researcher, { objective: OBJECTIVE }, { signal: first.signal }))) {
      if (event.type === 'started') {
        jobId = event.upstreamRunId ?? '';
        first.abort();
      }
    }
    const events = await collect(jobsFor(fake).resume(jobId, new AbortController().signal));
    expect(shape(events)[0]).toBe('step:running:running:Researcher is working');
    expect(events.at(-1)).toEqual({ type: 'done', usage: { tokens: DEFAULT_TOKENS_USED } });
    expect(fake.requestsTo('POST /v1/jobs')).toHaveLength(1);
  });
});

describe('jobs errors', () => {
  it('says a refused key names JOBS_API_KEY, never the key', async () => {
    const events = await collect(jobsFor(fake, { apiKey: 'jobs_wrong_key_123456' }).run(runRequest(researcher, { objective: OBJECTIVE })));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { code: 'auth', status: 401, message: 'The jobs API did not accept the API key (401): check JOBS_API_KEY.' } });
  });

  it('says which agent the jobs API does not know (404)', async () => {
    const retired = await jobsFor(fake).getTask('agt_gone');
    const [event] = await collect(jobsFor(fake).run(runRequest(retired, { objective: OBJECTIVE })));
    expect(event).toMatchObject({ type: 'error', error: { code: 'not_found', message: 'The jobs API does not know the agent agt_gone (404).' } });
  });

  it('never sends a job twice after a 5xx, but does after a 429', async () => {
    fake.failNext('POST /v1/jobs', { status: 503, body: { error: 'Overloaded. Try later.' } });
    const [event] = await collect(jobsFor(fake).run(runRequest(researcher, { objective: OBJECTIVE })));
    expect(event).toMatchObject({ type: 'error', error: { code: 'upstream', message: 'The jobs API had a problem on its side (503): Overloaded. Try again in a moment.' } });
    expect(fake.requestsTo('POST /v1/jobs')).toHaveLength(1);

    fake.reset();
    fake.failNext('POST /v1/jobs', { status: 429, retryAfter: 0 });
    const events = await collect(jobsFor(fake).run(runRequest(researcher, { objective: OBJECTIVE })));
    expect(events.at(-1)?.type).toBe('done');
    expect(fake.requestsTo('POST /v1/jobs')).toHaveLength(2);
    expect(fake.jobs()).toHaveLength(1);
  });

  it('rides out passing read failures, and reports one that lasts', async () => {
    fake.failNext('GET /v1/jobs/:id', { status: 502, times: 4 });
    expect((await collect(jobsFor(fake, { maxRetries: 0 }).run(runRequest(researcher, { objective: OBJECTIVE })))).at(-1)?.type).toBe('done');
    fake.reset();
    fake.failNext('GET /v1/jobs/:id', { status: 502, times: 100 });
    const last = (await collect(jobsFor(fake, { maxRetries: 0 }).run(runRequest(researcher, { objective: OBJECTIVE })))).at(-1);
    expect(last).toMatchObject({ type: 'error', error: { code: 'upstream', status: 502 } });
  });
});
