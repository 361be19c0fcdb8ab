/**
 * Faults of the agent API: 429 with Retry-After, 500, 502, then recovery (reads and the run start); no answer in
 * time; a stream that goes silent or is cut mid-output. The user sees what happened and a Retry that works; partial
 * output is kept and marked partial, never presented as complete; no run is sent twice unless the user asks.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK, contentFrame, defaultStreamSteps, stepFrame, type FakeTask, type StreamScript } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { waitFor } from '../support/bot-harness.js';
import { openForm, runBlogPost } from '../e2e/helpers.js';
import {
  botReplies,
  clickRetry,
  retryButtons,
  retryNotices,
  retryValue,
  rootShows,
  rootStatus,
  RUN,
  runsWith,
  sessionOf,
  shownOutput,
  sleep,
} from './support/checks.js';
import { slowWrites, type FaultHarness, type FaultHarnessOptions } from './support/fault-harness.js';
import { useFaultHarness } from './support/use-harness.js';

const FOLLOW_UP_HINT = 'Reply in this thread to change it';
/** The provider's per-attempt deadline in this file (production: 60 s). */
const TIMEOUT_MS = 400;
/** A run stream silent this long fails (production: 120 s). */
const IDLE_MS = 500;

const KNOBS = { provider: { timeoutMs: TIMEOUT_MS, streamIdleTimeoutMs: IDLE_MS } };

let h: FaultHarness;
let crashes: { seen: string[] };
/** A fresh bot for each test of the enclosing describe (see support/use-harness.ts). */
function freshBot(options: FaultHarnessOptions = KNOBS) {
  const harness = useFaultHarness(options);
  beforeEach(() => {
    h = harness.h;
    crashes = harness.crashes;
  });
}

/** Scripts this one task's stream: the first run gets `first`, later runs the normal stream of `text`. */
function firstRunThen(first: StreamScript, text: string) {
  let runs = 0;
  h.jasper.scriptStream(BLOG_POST_TASK.id, () => (runs++ === 0 ? first : { steps: defaultStreamSteps(text) }));
}

describe('reads: the task list', () => {
  freshBot({
    ...KNOBS,
    // The task list the bot fetches as it starts meets 429 (Retry-After: 1), then 500, then 502.
    beforeStart: ({ upstream }) =>
      upstream.sequence('GET /tasks', [
        { status: 429, retryAfter: 1 },
        { status: 500 },
        { status: 502 },
      ]),
  });

  it('429 with Retry-After, 500, 502: waited out and retried within bounds, the user is told, and asking again works once the upstream recovers', async () => {
    // Sent while the start-up fetch is still failing through its retries: it shares that fetch, and its failure.
    await h.driver.slashCommand({ text: 'list' });
    const told = await waitFor('the unavailable notice', () =>
      h.slack.ephemerals({ user: 'U1' }).find((e) => textOf(e).includes("had a problem on its side, so I can't list its tasks")),
    );
    const first = h.upstream.exchangesTo('GET /tasks');
    expect(first.map((e) => e.status)).toEqual([429, 500, 502]);
    // Retry-After: 1 was honoured; the 5xx of an idempotent read were retried after a short back-off, twice at most.
    expect(first[1]!.at - first[0]!.at).toBeGreaterThanOrEqual(950);
    expect(first[2]!.at - first[1]!.at).toBeLessThan(900);
    // The last refusal was a 502: Jasper's side, said as such (not "not answering"), with when to try again.
    expect(textOf(told)).toContain('Try again in a few minutes');

    await h.driver.slashCommand({ text: 'list' });
    const list = await waitFor('the task list', () => h.slack.ephemerals({ user: 'U1' }).find((e) => textOf(e).includes('Blog Post') && JSON.stringify(e.blocks ?? []).includes('task.open')));
    expect(textOf(list)).toContain(BLOG_POST_TASK.name);
    expect(h.upstream.exchangesTo('GET /tasks').map((e) => e.status)).toEqual([429, 500, 502, 200]);

    // The list is cached now: a form opens without asking Jasper again.
    const view = await openForm(h, 'run blog-post');
    expect(view.title.text).toBe('Blog Post');
    expect(h.upstream.exchangesTo('GET /tasks')).toHaveLength(4);
    expect(crashes.seen).toEqual([]);
  });

});

describe('reads: a task definition', () => {
  freshBot();

  it('a task definition read that meets 429 and then 500 is retried and the form opens (within the 3 s trigger window)', async () => {
    // A task created after the list was cached, offered by a Run button: its definition is read on the click.
    const fresh: FakeTask = { ...BLOG_POST_TASK, id: 'a7d3c2b1-0000-4000-8000-00000000f00d', name: 'Press Release' };
    await h.bot.services.catalogue.tasks(); // the list as the bot fetched it at start, without the new task
    h.jasper.setTasks([BLOG_POST_TASK, fresh]);
    h.upstream.sequence('GET /tasks/:id', [{ status: 429, retryAfter: 1 }, { status: 500 }]);
    const offer = h.slack.addUserMessage({
      channel: 'C_GENERAL',
      user: 'U2',
      text: 'Try Press Release',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Press Release*' },
          accessory: { type: 'button', action_id: 'task.open', text: { type: 'plain_text', text: 'Run' }, value: `jasper:${fresh.id}` },
        },
      ],
    });
    const views = h.slack.views().length;
    await h.driver.blockAction({ actionId: 'task.open', container: { type: 'message', channel: 'C_GENERAL', ts: offer.ts } });
    const opened = await waitFor('the form', () => h.slack.views().at(views));
    expect(opened.view.title?.text).toBe('Press Release');
    expect(h.upstream.exchangesTo('GET /tasks/:id').map((e) => e.status)).toEqual([429, 500, 200]);
    expect(h.slack.callsTo('views.open').at(-1)?.response.ok).toBe(true);
    expect(crashes.seen).toEqual([]);
  });
});

describe('the run start', () => {
  freshBot();

  it('429 (Retry-After: 1) is waited out and resent; 500 and 502 are not resent and each offers a Retry; once the upstream recovers Retry runs it, output once', async () => {
    h.jasper.setOutputText('The finished post.');
    h.upstream.sequence(RUN, [{ status: 429, retryAfter: 1 }, { status: 500 }, { status: 502 }]);
    const root = await runBlogPost(h, 'Upstream trouble');

    // 429, then 500: the 429 was resent after its Retry-After; the 500 was not (the run may have started upstream).
    await rootShows(h, 'C_GENERAL', root.ts, 'Failed');
    await waitFor('the first Retry', () => retryButtons(h, 'C_GENERAL', root.ts).length === 1);
    let exchanges = h.upstream.exchangesTo(RUN);
    expect(exchanges.map((e) => e.status)).toEqual([429, 500]);
    expect(exchanges[1]!.at - exchanges[0]!.at).toBeGreaterThanOrEqual(950);
    expect(botReplies(h, 'C_GENERAL', root.ts).map(textOf).join('\n')).toContain('had a problem on its side');

    // Retry: 502, again not resent, again a Retry.
    await clickRetry(h, 'C_GENERAL', root.ts);
    await waitFor('the second Retry', () => retryNotices(h, 'C_GENERAL', root.ts).length === 2);
    // The used Retry no longer looks live: one button, on the latest failure.
    expect(retryButtons(h, 'C_GENERAL', root.ts)).toHaveLength(1);
    await rootShows(h, 'C_GENERAL', root.ts, 'Failed');
    exchanges = h.upstream.exchangesTo(RUN);
    expect(exchanges.map((e) => e.status)).toEqual([429, 500, 502]);

    // Retry: the upstream has recovered.
    await clickRetry(h, 'C_GENERAL', root.ts);
    await rootShows(h, 'C_GENERAL', root.ts, 'Done');
    await sleep(200);
    expect(h.upstream.exchangesTo(RUN).map((e) => e.status)).toEqual([429, 500, 502, 200]);
    const bodies = runsWith(h, 'Upstream trouble').map((r) => JSON.stringify(r.body));
    expect(bodies).toHaveLength(4);
    expect(new Set(bodies).size).toBe(1);
    expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe('The finished post.');
    const failures = botReplies(h, 'C_GENERAL', root.ts).filter((m) => textOf(m).startsWith(':x:'));
    expect(failures).toHaveLength(2);
    expect(failures.map(textOf).join('\n')).not.toContain('incomplete');
    const session = await sessionOf(h, 'C_GENERAL', root.ts);
    expect(session.turns.map((t) => [t.status, t.partial])).toEqual([
      ['failed', false],
      ['failed', false],
      ['done', false],
    ]);
    expect(crashes.seen).toEqual([]);
  });

  it('no answer within the time-out: the bot hangs up, does not resend, says so, and Retry works', async () => {
    h.jasper.setOutputText('Worth the wait.');
    h.jasper.setLatency({ runStartMs: TIMEOUT_MS * 4 });
    try {
      const root = await runBlogPost(h, 'Slow start');
      await rootShows(h, 'C_GENERAL', root.ts, 'Failed');
      await waitFor('the Retry', () => retryButtons(h, 'C_GENERAL', root.ts).length === 1);
      expect(botReplies(h, 'C_GENERAL', root.ts).map(textOf).join('\n')).toContain('stopped answering');
      expect(runsWith(h, 'Slow start')).toHaveLength(1);
      await waitFor('the upstream connection closed', () => runsWith(h, 'Slow start')[0]?.clientClosed);
      expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe('');

      h.jasper.setLatency({ runStartMs: 0 });
      await clickRetry(h, 'C_GENERAL', root.ts);
      await rootShows(h, 'C_GENERAL', root.ts, 'Done');
      await sleep(200);
      expect(runsWith(h, 'Slow start')).toHaveLength(2);
      expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe('Worth the wait.');
      expect(crashes.seen).toEqual([]);
    } finally {
      h.jasper.setLatency({ runStartMs: 0 });
    }
  });
});

describe('the run stream', () => {
  freshBot();

  async function expectPartialThenRetry(topic: string, partial: string, reason: string, full: string) {
    const root = await runBlogPost(h, topic);
    await rootShows(h, 'C_GENERAL', root.ts, 'Failed');
    await waitFor('the failure notice', () => retryButtons(h, 'C_GENERAL', root.ts).length === 1);
    const replies = botReplies(h, 'C_GENERAL', root.ts);

    // What arrived is kept, exactly, once.
    expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe(partial);
    // ...and marked partial: the notice says so, and nothing presents it as finished.
    const notice = replies.find((m) => textOf(m).startsWith(':x:'))!;
    expect(textOf(notice)).toContain(reason);
    expect(textOf(notice)).toMatch(/output above is \*?incomplete/);
    expect(rootStatus(h, 'C_GENERAL', root.ts)).not.toContain('Done');
    const streamed = replies.find((m) => m.stream);
    expect(streamed?.stream?.state).toBe('completed');
    expect(streamed?.stream?.tasks.map((t) => t.status)).not.toContain('complete');
    expect(JSON.stringify(streamed?.stream?.stopBlocks ?? [])).not.toContain(FOLLOW_UP_HINT);
    const failedTurn = (await sessionOf(h, 'C_GENERAL', root.ts)).turns[0]!;
    expect([failedTurn.status, failedTurn.partial, failedTurn.output]).toEqual(['failed', true, partial]);

    // Retry runs it again with the same inputs, and the whole output follows, once.
    await clickRetry(h, 'C_GENERAL', root.ts);
    await rootShows(h, 'C_GENERAL', root.ts, 'Done');
    await sleep(200);
    const runs = runsWith(h, topic);
    expect(runs).toHaveLength(2);
    expect(runs[1]!.body).toEqual(runs[0]!.body);
    expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe(partial + full);
    const turns = (await sessionOf(h, 'C_GENERAL', root.ts)).turns;
    expect(turns.map((t) => [t.status, t.partial])).toEqual([
      ['failed', true],
      ['done', false],
    ]);
    expect(turns[1]!.output).toBe(full);
    expect(crashes.seen).toEqual([]);
  }

  it('cut mid-output: the partial output stays, marked incomplete, never shown as done; Retry gives the whole output', async () => {
    firstRunThen(
      {
        steps: [
          { frame: stepFrame('s1', 'loading', 'Writing') },
          { frame: contentFrame('The first half of the post, ') },
          { frame: contentFrame('and a bit more') },
          { cut: true, delayMs: 150 },
        ],
      },
      'The whole post.',
    );
    await expectPartialThenRetry('Cut stream', 'The first half of the post, and a bit more', 'connection to Jasper broke', 'The whole post.');
  });

  it('silent mid-output past the idle time-out: the partial output stays, marked incomplete; Retry gives the whole output', async () => {
    firstRunThen(
      {
        steps: [
          { frame: stepFrame('s1', 'loading', 'Writing') },
          { frame: contentFrame('Half of it') },
          { frame: contentFrame(' and the rest, too late'), delayMs: IDLE_MS * 4 },
          { frame: stepFrame('s1', 'completed', 'Wrote') },
        ],
      },
      'All of it.',
    );
    await expectPartialThenRetry('Silent stream', 'Half of it', 'stopped answering', 'All of it.');
  });
});

describe('Retry clicked the moment it appears', () => {
  // Session writes take 250 ms (a busy Redis): the window between what the thread shows and what the bot has
  // recorded becomes wide enough to hit every time.
  freshBot({ store: (inner) => slowWrites(inner, 250, (key) => key.startsWith('session:')) });

  it('starts the run again, and is not told that a run is already going', async () => {
    h.jasper.failNext(RUN, { status: 500 });
    h.jasper.setOutputText('Second time lucky.');
    const root = await runBlogPost(h, 'Eager retry');
    const failure = await waitFor('the Retry', () => retryButtons(h, 'C_GENERAL', root.ts).at(0));
    const sessionId = retryValue(failure);
    const click = await h.driver.blockAction({ actionId: 'run.retry', container: { type: 'message', channel: 'C_GENERAL', ts: failure.ts } });
    expect(click.status).toBe(200);
    await sleep(300);
    expect(h.slack.responses(click.responseUrl!).map((r) => JSON.stringify(r.body)).join('\n')).not.toContain('already going');
    await rootShows(h, 'C_GENERAL', root.ts, 'Done', 3_000);
    expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe('Second time lucky.');
    expect(runsWith(h, 'Eager retry')).toHaveLength(2);
    expect(await h.bot.services.runs.isRunning(sessionId)).toBe(false);
  });
});
