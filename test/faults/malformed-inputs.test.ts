/**
 * Faults of the input: malformed Slack payloads, oversized inputs (a 100 kB value in a form and in a thread reply, a
 * task with 10,000 options), invalid UTF-8 and unreadable frames in the upstream stream, a task definition that fails
 * schema validation. Each gets a clear error where one is due, never a crash or an unhandled rejection, and after each
 * the bot still answers `/jasper help` and `GET /healthz`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK, contentFrame, stepFrame, type FakeTask } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { waitFor } from '../support/bot-harness.js';
import * as P from '../support/slack-payloads.js';
import { blockIdOf, openForm, runBlogPost, TOPIC } from '../e2e/helpers.js';
import {
  botReplies,
  clickRetry,
  postSigned,
  recordCrashes,
  retryButtons,
  rootShows,
  RUN,
  runsWith,
  shownOutput,
  sleep,
} from './support/checks.js';
import type { FaultHarness } from './support/fault-harness.js';
import { useFaultHarness } from './support/use-harness.js';

const HUGE_OPTIONS = Array.from({ length: 10_000 }, (_, i) =>
  // Some options are longer than Slack's 75-character option text and 150-character option value.
  i % 1000 === 7 ? `Region ${i}: ${'a very long description of this region '.repeat(6)}` : `Region ${String(i).padStart(5, '0')}`,
);
const HUGE_TASK: FakeTask = {
  id: 'c0ffee00-0000-4000-8000-000000010000',
  name: 'Regional Campaign',
  description: 'A task whose inputs offer 10,000 options',
  contextItems: [
    { id: 'd1000000-0000-4000-8000-000000000001', name: 'Region', type: 'SELECT', question: 'Which region?', tooltip: null, required: true, options: HUGE_OPTIONS },
    { id: 'd1000000-0000-4000-8000-000000000002', name: 'Also in', type: 'MULTISELECT', question: 'Where else?', tooltip: null, required: false, options: HUGE_OPTIONS },
    { id: 'd1000000-0000-4000-8000-000000000003', name: 'Topic', type: 'INPUT', question: 'Topic?', tooltip: null, required: false },
  ],
  version: 1,
  scope: 'WORKSPACE',
  categories: [],
};

describe('malformed and oversized input from Slack, and odd streams from the upstream', () => {
  const harness = useFaultHarness({ jasper: { tasks: [BLOG_POST_TASK, HUGE_TASK] } });
  let h: FaultHarness;
  beforeEach(() => {
    h = harness.h;
  });
  afterEach(() => {
    // Besides what every fault test checks (support/use-harness.ts): no listener threw; each refused the input itself.
    expect(h.logs.filter((line) => line.includes('Unhandled error in a listener'))).toEqual([]);
  });

  const form = (fields: Record<string, string>) => postSigned(h, new URLSearchParams(fields).toString(), 'form', 5_000);
  const json = (body: unknown) => postSigned(h, typeof body === 'string' ? body : JSON.stringify(body), 'json', 5_000);

  it('garbage payloads, wrongly shaped payloads and events without an `event` are answered, nothing starts, nothing crashes', async () => {
    const w = h.driver.workspace;
    const envelope = { token: w.token, team_id: w.teamId, api_app_id: w.apiAppId, type: 'event_callback', event_time: Math.floor(Date.now() / 1000) };
    // All at once, since payloads no listener takes are answered only after Bolt's 3-second wait.
    const [garbage, ...rest] = await Promise.all([
      form({ payload: '{not json' }),
      json('{garbage'),
      form({ payload: '[1,2,3]' }),
      form({ payload: JSON.stringify({ type: 'block_actions' }) }),
      form({ payload: JSON.stringify({ type: 'no_such_type', user: { id: 'U1' } }) }),
      form({}),
      form({ command: '/jasper', text: 'help', team_id: w.teamId }),
      json({ ...envelope, event_id: 'EvNOEVENT1' }),
      json({ ...envelope, event_id: 'EvBAREMSG1', event: { type: 'message' } }),
      json({ ...envelope, event_id: 'EvODDMSG01', event: { type: 'message', channel: 'C_GENERAL', user: 'U1', ts: 'not-a-ts', thread_ts: 42 } }),
    ]);
    // `event: null` makes Bolt itself fail (500): answered, handled, nothing started.
    const nullEvent = await json({ ...envelope, event_id: 'EvNULLEVENT', event: null });
    expect(garbage!.status).toBe(400);
    // Answered, none left hanging (those no listener takes get Bolt's 404 once its 3-second wait is over).
    for (const answer of [garbage!, ...rest, nullEvent]) expect(answer.answered).toBe(true);
    for (const answer of rest) expect(answer.status).toBeLessThan(500);
    await sleep(200);
    expect(h.jasper.requestsTo(RUN)).toHaveLength(0);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  // Bolt 5.1's HTTPReceiver would leave a signed `payload=null` unanswered (`body.ssl_check` throws in a closure it does
  // not await); the bot's receiver (src/slack/receiver.ts) answers any body that is not an object with 400 first.
  it('a signed payload that is JSON null (as a form field or as the whole JSON body) is answered 400 at once and does not crash the process', async () => {
    const crashes = recordCrashes({ exclusive: true });
    try {
      const answer = await postSigned(h, new URLSearchParams({ payload: 'null' }).toString(), 'form', 3_000);
      const jsonNull = await postSigned(h, 'null', 'json', 3_000);
      await sleep(100);
      expect(crashes.seen).toEqual([]);
      for (const a of [answer, jsonNull]) {
        expect(a.answered).toBe(true);
        expect(a.status).toBe(400);
        expect(a.elapsedMs).toBeLessThan(1_000);
      }
    } finally {
      crashes.dispose();
    }
  });

  it('a Retry click whose payload has no response_url is refused without a listener error', async () => {
    const w = h.driver.workspace;
    const payload = {
      type: 'block_actions',
      team: { id: w.teamId, domain: w.teamDomain },
      user: { id: 'U1', name: 'alice', team_id: w.teamId },
      api_app_id: w.apiAppId,
      token: w.token,
      trigger_id: h.slack.issueTrigger(),
      container: { type: 'view', view_id: 'VHOME1' },
      actions: [{ type: 'button', action_id: 'run.retry', block_id: 'b', value: 'no-such-session', action_ts: '1.2' }],
    };
    const answer = await form({ payload: JSON.stringify(payload) });
    expect(answer.status).toBe(200);
    await sleep(200);
    expect(h.logs.filter((line) => line.includes('Unhandled error in a listener'))).toEqual([]);
  });

  it('a form submission missing its view state or metadata gets a clear error on the form, and starts nothing', async () => {
    const w = h.driver.workspace;
    const base = { type: 'view_submission', team: { id: w.teamId, domain: w.teamDomain }, user: { id: 'U1', name: 'alice', team_id: w.teamId }, api_app_id: w.apiAppId, token: w.token };
    const noState = await form({ payload: JSON.stringify({ ...base, view: { id: 'VBROKEN1', type: 'modal', callback_id: 'run_task', private_metadata: '' } }) });
    const badState = await form({
      payload: JSON.stringify({ ...base, view: { id: 'VBROKEN2', type: 'modal', callback_id: 'run_task', private_metadata: '{"v":1}', state: { values: 'nope' } } }),
    });
    // Our own form (real metadata) whose state is not Slack's shape.
    const view = await openForm(h, 'run blog-post');
    const metadata = h.slack.view(view.id)!.view.private_metadata;
    const oddState = await form({
      payload: JSON.stringify({ ...base, view: { id: view.id, type: 'modal', callback_id: 'run_task', private_metadata: metadata, state: { values: { [blockIdOf(view, TOPIC.id)]: 'nope' } } } }),
    });
    const bare = await form({ payload: JSON.stringify({ type: 'view_submission', view: { callback_id: 'run_task' } }) });
    for (const answer of [noState, badState, oddState]) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toEqual({ response_action: 'errors', errors: { extra: expect.stringContaining('out of date') } });
    }
    // Without even a user, there is no one to tell: answered, nothing started.
    expect(bare.answered).toBe(true);
    await sleep(200);
    expect(h.jasper.requestsTo(RUN)).toHaveLength(0);
    expect(h.slack.roots('C_GENERAL').filter((m) => m.postedBy === 'bot')).toHaveLength(0);
  });

  it('a 100 kB value in a form (past what Slack\'s client allows) is refused on its field, the form stays open with it, nothing runs', async () => {
    const view = await openForm(h, 'run blog-post');
    const topicBlock = blockIdOf(view, TOPIC.id);
    const huge = 'x'.repeat(100_000);
    const stored = h.slack.view(view.id)!;
    const topicAction = Object.keys((view.blocks as Array<{ block_id?: string; element?: { action_id: string } }>).find((b) => b.block_id === topicBlock)!.element!)
      .length
      ? (view.blocks as Array<{ block_id?: string; element?: { action_id: string } }>).find((b) => b.block_id === topicBlock)!.element!.action_id
      : '';
    h.slack.setViewState(view.id, { [topicBlock]: { [topicAction]: { type: 'plain_text_input', value: huge } } });
    const payload = P.viewSubmissionPayload(h.driver.workspace, { user: { id: 'U1', name: 'alice' }, view: stored.view as never, triggerId: h.slack.issueTrigger() });
    const answer = await form({ payload: JSON.stringify(payload) });
    expect(answer.status).toBe(200);
    expect(answer.elapsedMs).toBeLessThan(3_000);
    const body = JSON.parse(answer.text) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[topicBlock]).toMatch(/under 3,000 characters \(now 100,000\)/);
    expect(h.slack.applyViewResponse(view.id, body).kind).toBe('errors');
    expect(h.slack.view(view.id)?.open).toBe(true);
    await sleep(200);
    expect(h.jasper.requestsTo(RUN)).toHaveLength(0);
  });

  it('a 100 kB reply in a run thread: one run that carries it whole (never cut silently), or a clear refusal; the thread goes on', async () => {
    h.jasper.setOutputText('Short first draft.');
    const root = await runBlogPost(h, 'Huge reply');
    await rootShows(h, 'C_GENERAL', root.ts, 'Done');
    h.jasper.setOutputText('Answer to the long reply.');
    const huge = `Rewrite it with all of this: ${'lorem ipsum dolor sit amet '.repeat(3_800)}`.slice(0, 100_000);
    const delivery = await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: huge, threadTs: root.ts });
    expect(delivery.status).toBe(200);
    expect(delivery.timedOut).toBe(false);
    await waitFor('an answer in the thread', () => shownOutput(h, 'C_GENERAL', root.ts).includes('Answer to the long reply.') || botReplies(h, 'C_GENERAL', root.ts).some((m) => /too long/i.test(textOf(m))));
    await rootShows(h, 'C_GENERAL', root.ts, 'Done');
    await sleep(200);
    const followUps = h.jasper.requestsTo(RUN).slice(1);
    expect(followUps.length).toBeLessThanOrEqual(1);
    if (followUps.length === 1) {
      const items = (followUps[0]!.body as { contextItems: Array<{ answer?: string }> }).contextItems;
      expect(items.some((item) => item.answer === huge)).toBe(true);
      expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe('Short first draft.Answer to the long reply.');
    }
  });

  it('an upstream task with 10,000 options: the form opens, options are searched (at most 100 per answer), and a deep option runs', async () => {
    const view = await openForm(h, 'run regional-campaign');
    expect(view.title.text).toBe('Regional Campaign');
    const opened = h.slack.callsTo('views.open').at(-1)!;
    expect(opened.response.ok).toBe(true);
    expect(JSON.stringify(opened.args.view).length).toBeLessThan(250_000);

    const region = blockIdOf(view, HUGE_TASK.contextItems[0]!.id);
    const also = blockIdOf(view, HUGE_TASK.contextItems[1]!.id);
    const actionOf = (blockId: string) => (view.blocks as Array<{ block_id?: string; element?: { action_id: string } }>).find((b) => b.block_id === blockId)!.element!.action_id;
    const found = await h.driver.blockSuggestion({ viewId: view.id, actionId: actionOf(region), blockId: region, value: 'Region 09876' });
    expect(found.status).toBe(200);
    const options = (found.json as { options: Array<{ text: { text: string }; value: string }> }).options;
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThanOrEqual(100);
    expect(options[0]!.text.text).toBe('Region 09876');
    const broad = await h.driver.blockSuggestion({ viewId: view.id, actionId: actionOf(region), blockId: region, value: 'Region' });
    const broadOptions = (broad.json as { options: Array<{ text: { text: string }; value: string }> }).options;
    expect(broadOptions).toHaveLength(100);
    expect(broadOptions.every((o) => o.text.text.length <= 75 && o.value.length <= 150)).toBe(true);
    const long = await h.driver.blockSuggestion({ viewId: view.id, actionId: actionOf(also), blockId: also, value: 'Region 7007' });
    const longOption = (long.json as { options: Array<{ text: { text: string }; value: string }> }).options[0]!;

    const submitted = await h.driver.submitView({
      viewId: view.id,
      values: { [region]: { value: options[0]!.value, text: options[0]!.text.text }, [also]: [{ value: longOption.value, text: longOption.text.text }] },
    });
    expect(submitted.sent && submitted.outcome.kind).toBe('closed');
    await waitFor('the run', () => h.jasper.requestsTo(RUN).length === 1);
    const body = h.jasper.requestsTo(RUN)[0]!.body as { contextItems: Array<{ id?: string; value?: unknown }> };
    // The option texts themselves reach the upstream, whole (the long one too), not indexes or truncated labels.
    expect(body.contextItems).toEqual(
      expect.arrayContaining([
        { id: HUGE_TASK.contextItems[0]!.id, value: 'Region 09876' },
        { id: HUGE_TASK.contextItems[1]!.id, value: [HUGE_OPTIONS[7007]] },
      ]),
    );
    const root = await waitFor('the root', () => h.slack.roots('C_GENERAL').find((m) => textOf(m).includes('Regional Campaign')));
    await rootShows(h, 'C_GENERAL', root.ts, 'Done');
  });

  it('invalid UTF-8 bytes inside the stream: shown as replacement characters, the rest of the output intact, the run completes', async () => {
    const marker = '@@BAD@@';
    h.upstream.corruptStreams({ marker, bytes: [0xc3, 0x28, 0xff, 0xfe, 0xe2, 0x82] });
    h.jasper.scriptStream(BLOG_POST_TASK.id, {
      steps: [
        { frame: stepFrame('s1', 'loading', 'Writing') },
        { frame: contentFrame(`Caf${marker} au lait. `) },
        { frame: contentFrame(`Naïve ${marker}résumé ✨`) },
        { frame: stepFrame('s1', 'completed', 'Wrote') },
      ],
    });
    const root = await runBlogPost(h, 'Bad bytes');
    await rootShows(h, 'C_GENERAL', root.ts, 'Done');
    // What Jasper sent, as a lenient UTF-8 decoder reads it: each invalid sequence becomes U+FFFD.
    const decoded = new TextDecoder().decode(new Uint8Array([0xc3, 0x28, 0xff, 0xfe, 0xe2, 0x82]));
    expect(decoded).toContain('\uFFFD');
    expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe(`Caf${decoded} au lait. Naïve ${decoded}résumé ✨`);
    expect(runsWith(h, 'Bad bytes')).toHaveLength(1);
  });

  it('a stream frame that is not JSON: the run fails with a clear message, keeps what came before it as incomplete, and Retry works', async () => {
    let runs = 0;
    h.jasper.scriptStream(BLOG_POST_TASK.id, () =>
      runs++ === 0
        ? { steps: [{ frame: contentFrame('Before the garbage. ') }, { raw: 'event: message\nid: 9\ndata: {"content": "unterminated\n\n' }, { frame: contentFrame('never shown') }] }
        : { steps: [{ frame: stepFrame('s', 'loading', 'Writing') }, { frame: contentFrame('Clean output.') }, { frame: stepFrame('s', 'completed', 'Wrote') }] },
    );
    const root = await runBlogPost(h, 'Garbage frame');
    await rootShows(h, 'C_GENERAL', root.ts, 'Failed');
    await waitFor('the Retry', () => retryButtons(h, 'C_GENERAL', root.ts).length === 1);
    const notice = botReplies(h, 'C_GENERAL', root.ts).map(textOf).join('\n');
    expect(notice).toContain('could not read');
    expect(notice).toMatch(/incomplete/);
    expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe('Before the garbage. ');
    await clickRetry(h, 'C_GENERAL', root.ts);
    await rootShows(h, 'C_GENERAL', root.ts, 'Done');
    expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe('Before the garbage. Clean output.');
    expect(runsWith(h, 'Garbage frame')).toHaveLength(2);
  });

  it('a task definition that fails schema validation when read on its own: the user is told, nothing runs', async () => {
    const broken = { ...BLOG_POST_TASK, id: 'b0000000-0000-4000-8000-0000000000bd', name: 'Broken Task', contextItems: [{ id: 42, name: null, type: null }] };
    await h.bot.services.catalogue.tasks(); // the list as the bot fetched it at start, without the broken task
    h.jasper.setTasks([BLOG_POST_TASK, HUGE_TASK, broken as unknown as FakeTask]);
    const offer = h.slack.addUserMessage({
      channel: 'C_GENERAL',
      user: 'U2',
      text: 'Try Broken Task',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Broken Task*' },
          accessory: { type: 'button', action_id: 'task.open', text: { type: 'plain_text', text: 'Run' }, value: `jasper:${broken.id}` },
        },
      ],
    });
    const views = h.slack.views().length;
    const click = await h.driver.blockAction({ actionId: 'task.open', container: { type: 'message', channel: 'C_GENERAL', ts: offer.ts } });
    expect(click.status).toBe(200);
    // Said from the typed error: Jasper's answer could not be read (not "try again").
    await waitFor('the explanation', () => h.slack.responses(click.responseUrl!).some((r) => /could not read, so I can't open that task's form/i.test(JSON.stringify(r.body))));
    expect(h.slack.views()).toHaveLength(views);
    expect(h.jasper.requestsTo('GET /tasks/:id')).toHaveLength(1);
    expect(h.jasper.requestsTo(RUN)).toHaveLength(0);
  });
});

describe('a task list with one definition that fails schema validation', () => {
  const BROKEN = { ...BLOG_POST_TASK, id: 'b0000000-0000-4000-8000-0000000000be', name: 'Broken Task', contextItems: [{ id: 42, name: null, type: null }] };
  const harness = useFaultHarness({ jasper: { tasks: [BLOG_POST_TASK, BROKEN as unknown as FakeTask] } });
  let h: FaultHarness;
  beforeEach(() => {
    h = harness.h;
  });

  it('asking for the valid task and for the broken one: each gets an answer at once (a form or a clear message), nothing runs', async () => {
    for (const [reference, user] of [['blog-post', 'U1'], ['broken-task', 'U2']] as const) {
      const views = h.slack.views().length;
      const answers = h.slack.ephemerals({ user }).length;
      const sent = await h.driver.slashCommand({ text: `run ${reference}`, userId: user });
      expect(sent.status).toBe(200);
      await waitFor(`an answer to run ${reference}`, () => h.slack.views().length > views || h.slack.ephemerals({ user }).length > answers);
      const opened = h.slack.views().at(views);
      // A form, only ever for the valid task; otherwise a message that names Jasper or the task.
      if (opened) expect(opened.view.title?.text).toBe('Blog Post');
      else expect(textOf(h.slack.ephemerals({ user }).at(-1))).toMatch(/Jasper|broken-task/);
    }
    expect(h.jasper.requestsTo(RUN)).toHaveLength(0);
  });

  it('the valid tasks stay usable: Blog Post opens its form', async () => {
    const views = h.slack.views().length;
    const answers = h.slack.ephemerals({ user: 'U1' }).length;
    await h.driver.slashCommand({ text: 'run blog-post' });
    await waitFor('an answer', () => h.slack.views().length > views || h.slack.ephemerals({ user: 'U1' }).length > answers);
    expect(h.slack.views().at(views)?.view.title?.text).toBe('Blog Post');
  });
});
