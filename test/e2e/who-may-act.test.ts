/**
 * Who may do what (issue #12): actions on a run are its owner's (plus RUN_ADMINS; Cancel for anyone with
 * CANCEL_BY_ANYONE), checked again on an edited run's submission; an old Retry asks before running again; knowledge is
 * deleted only by knowledge admins and only when the bot listed the id; channel defaults are checked on submission.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE } from '../fakes/fake-jasper.js';
import { textOf, type StoredMessage } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness, type HarnessOptions } from '../support/bot-harness.js';
import { blockIdOf, finishedRoot, runBlogPost, TOPIC, type OpenedView } from './helpers.js';

const RUN = 'POST /tasks/:id/run/stream' as const;
let h: Harness | undefined;
async function harness(options: HarnessOptions = {}): Promise<Harness> {
  h = await startHarness(options);
  return h;
}
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const hasAction = (m: StoredMessage | undefined, actionId: string) => JSON.stringify(m?.blocks ?? []).includes(`"${actionId}"`);
const toldTo = (h: Harness, user: string) => h.slack.ephemerals({ user }).map((e) => e.text).join('\n');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A run of U1's that is still going (slow tokens), with its Cancel button showing. */
async function slowRun(h: Harness, topic: string) {
  h.jasper.setLatency({ timeToFirstTokenMs: 50, tokenIntervalMs: 100 });
  const root = await runBlogPost(h, topic);
  await waitFor('the Cancel button', () => hasAction(h.slack.message('C_GENERAL', root.ts), 'run.cancel'));
  return root;
}

/** A run of U1's that failed, and its Retry message. */
async function failedRun(h: Harness, topic: string) {
  h.jasper.failNext(RUN, { status: 500 });
  const root = await runBlogPost(h, topic);
  await finishedRoot(h, 'C_GENERAL', root.ts);
  const retry = await waitFor('the Retry button', () => h.slack.thread('C_GENERAL', root.ts).find((m) => hasAction(m, 'run.retry')));
  return { root, retry };
}

describe('run ownership', () => {
  it("someone else's Cancel, Retry and Edit are refused politely; the owner's work", async () => {
    const h = await harness();
    const root = await slowRun(h, 'Not yours');
    await h.driver.blockAction({ userId: 'U2', actionId: 'run.cancel', container: { type: 'message', channel: 'C_GENERAL', ts: root.ts } });
    await waitFor('the refusal', () => toldTo(h, 'U2').includes('only the person who started this run can cancel'));
    expect(await h.bot.services.runs.isRunning((await h.bot.services.sessions.findByThread('C_GENERAL', root.ts))!.id)).toBe(true);
    // Still slow while the owner cancels: a run sped up first could finish before the click lands.
    await h.driver.blockAction({ userId: 'U1', actionId: 'run.cancel', container: { type: 'message', channel: 'C_GENERAL', ts: root.ts } });
    expect(textOf(await finishedRoot(h, 'C_GENERAL', root.ts))).toContain('Cancelled');
    h.jasper.setLatency({ timeToFirstTokenMs: 0, tokenIntervalMs: 0 });

    const views = h.slack.views().length;
    await h.driver.blockAction({ userId: 'U2', actionId: 'run.edit_rerun', container: { type: 'message', channel: 'C_GENERAL', ts: root.ts } });
    await waitFor('the refusal', () => toldTo(h, 'U2').includes('can edit and run again'));
    expect(h.slack.views()).toHaveLength(views);

    const { retry } = await failedRun(h, 'Retry not yours');
    const runs = h.jasper.requestsTo(RUN).length;
    await h.driver.blockAction({ userId: 'U2', actionId: 'run.retry', container: { type: 'message', channel: 'C_GENERAL', ts: retry.ts } });
    await waitFor('the refusal', () => toldTo(h, 'U2').includes('can run again'));
    await sleep(200);
    expect(h.jasper.requestsTo(RUN)).toHaveLength(runs);
  });

  it('a forged "Edit inputs & run again" submission by someone else is refused and the owner\'s inputs stay', async () => {
    const h = await harness();
    const root = await runBlogPost(h, 'Owner topic');
    await finishedRoot(h, 'C_GENERAL', root.ts);
    const views = h.slack.views().length;
    await h.driver.blockAction({ userId: 'U1', actionId: 'run.edit_rerun', container: { type: 'message', channel: 'C_GENERAL', ts: root.ts } });
    const form = (await waitFor('the edit form', () => h.slack.views().at(views)?.view)) as unknown as OpenedView;
    const runs = h.jasper.requestsTo(RUN).length;
    // U2 submits U1's form (as a forged request would).
    const submitted = await h.driver.submitView({ viewId: form.id, userId: 'U2', values: { [blockIdOf(form, TOPIC.id)]: 'Hijacked' } });
    expect(submitted.sent && submitted.outcome.kind).toBe('errors');
    await sleep(200);
    expect(h.jasper.requestsTo(RUN)).toHaveLength(runs);
    const session = await h.bot.services.sessions.findByThread('C_GENERAL', root.ts);
    expect(JSON.stringify(session?.values)).toContain('Owner topic');
  });

  it('RUN_ADMINS may retry anyone\'s run; CANCEL_BY_ANYONE opens Cancel to the channel', async () => {
    const h = await harness({ env: { RUN_ADMINS: 'U2', CANCEL_BY_ANYONE: 'true' } });
    const { root, retry } = await failedRun(h, 'Admin retry');
    await h.driver.blockAction({ userId: 'U2', actionId: 'run.retry', container: { type: 'message', channel: 'C_GENERAL', ts: retry.ts } });
    await waitFor('the retried run', () => textOf(h.slack.message('C_GENERAL', root.ts)!).includes('Done'));

    const slow = await slowRun(h, 'Anyone may cancel');
    await h.driver.blockAction({ userId: 'U2', actionId: 'run.cancel', container: { type: 'message', channel: 'C_GENERAL', ts: slow.ts } });
    expect(textOf(await finishedRoot(h, 'C_GENERAL', slow.ts))).toContain('Cancelled');
    h.jasper.setLatency({ timeToFirstTokenMs: 0, tokenIntervalMs: 0 });
  });

  it('a Cancel pressed the moment the run appears (before its first turn began) cancels it; nothing reaches the upstream', async () => {
    const h = await harness();
    // People see the root message (with its Cancel) while the bot still waits for Slack's answer to posting it.
    h.slack.setAnswerDelay('chat.postMessage', 600);
    const root = await runBlogPost(h, 'Stopped quickly');
    await h.driver.blockAction({ userId: 'U1', actionId: 'run.cancel', container: { type: 'message', channel: 'C_GENERAL', ts: root.ts } });
    h.slack.setAnswerDelay('chat.postMessage', 0);
    expect(textOf(await finishedRoot(h, 'C_GENERAL', root.ts))).toContain('Cancelled');
    expect(toldTo(h, 'U1')).not.toContain('already finished');
    expect(h.jasper.requestsTo(RUN)).toHaveLength(0);
  });

  it('a Retry whose run was run again since starts nothing, and asks once with a Run again that works', async () => {
    const h = await harness();
    const { root, retry } = await failedRun(h, 'Retry once');
    // The message as it was when the button was live: a late or replayed click carries it.
    const asClicked = h.slack.asSlackMessage(retry);
    await h.driver.blockAction({ userId: 'U1', actionId: 'run.retry', container: { type: 'message', channel: 'C_GENERAL', ts: retry.ts } });
    await waitFor('the retried run', () => textOf(h.slack.message('C_GENERAL', root.ts)!).includes('Done'));
    const runs = h.jasper.requestsTo(RUN).length;

    // A Retry is the same request again, not a follow-up.
    expect(textOf(h.slack.message('C_GENERAL', root.ts)!)).not.toContain('follow-up');
    // The used button lost its button and says who ran it again.
    expect(hasAction(h.slack.message('C_GENERAL', retry.ts), 'run.retry')).toBe(false);
    expect(textOf(h.slack.message('C_GENERAL', retry.ts))).toContain('Run again by <@U1>');
    // The same (now old) button again: a replayed or late click.
    await h.driver.blockAction({ userId: 'U1', actionId: 'run.retry', container: { type: 'message', channel: 'C_GENERAL', ts: retry.ts }, message: asClicked });
    const asked = await waitFor('the question', () => h.slack.ephemerals({ user: 'U1' }).find((e) => JSON.stringify(e.blocks ?? []).includes('run.retry_confirm')));
    await sleep(200);
    expect(h.jasper.requestsTo(RUN)).toHaveLength(runs);

    await h.driver.blockAction({ userId: 'U1', actionId: 'run.retry_confirm', container: { type: 'message', channel: 'C_GENERAL', ts: asked.ts, ephemeral: true } });
    await waitFor('the run started again', () => h.jasper.requestsTo(RUN).length === runs + 1);
  });
});

describe('admin actions', () => {
  async function deleteKnowledge(h: Harness, userId: string, id?: string) {
    await h.driver.appHomeOpened(userId);
    const home = await waitFor('the Home tab with knowledge', () => {
      const view = h.slack.homeView(userId);
      return view && JSON.stringify(view.view.blocks).includes('home.knowledge.delete') ? view : undefined;
    });
    await h.driver.blockAction({ userId, actionId: 'home.knowledge.delete', container: { type: 'view', viewId: home.view.id }, ...(id ? { value: id } : {}) });
  }

  it('knowledge is deleted only by the workspace\'s admins (read from Slack) and only when the bot listed the id', async () => {
    const h = await harness({ slack: { users: { U1: { name: 'alice', isAdmin: true }, U2: { name: 'bob' } } } });
    await deleteKnowledge(h, 'U2');
    await waitFor('the refusal', () => h.slack.calls.some((c) => c.method === 'chat.postMessage' && String(c.args.text).includes('only the workspace')));
    expect(h.jasper.requestsTo('DELETE /knowledge/:id')).toHaveLength(0);

    await deleteKnowledge(h, 'U1', 'kno_NOT_LISTED');
    await sleep(200);
    expect(h.jasper.requestsTo('DELETE /knowledge/:id')).toHaveLength(0);

    await deleteKnowledge(h, 'U1', DEFAULT_KNOWLEDGE[0]!.id);
    await waitFor('the delete', () => h.jasper.requestsTo('DELETE /knowledge/:id').length === 1);
  });

  it('KNOWLEDGE_ADMINS names who may delete, whatever Slack says', async () => {
    const h = await harness({ env: { KNOWLEDGE_ADMINS: 'U2' }, slack: { users: { U1: { name: 'alice', isOwner: true }, U2: { name: 'bob' } } } });
    await deleteKnowledge(h, 'U1', DEFAULT_KNOWLEDGE[0]!.id);
    await sleep(300);
    expect(h.jasper.requestsTo('DELETE /knowledge/:id')).toHaveLength(0);
    await deleteKnowledge(h, 'U2', DEFAULT_KNOWLEDGE[0]!.id);
    await waitFor('the delete', () => h.jasper.requestsTo('DELETE /knowledge/:id').length === 1);
  });

  it('a forged channel-defaults submission from someone not allowed is refused', async () => {
    const h = await harness({ env: { CHANNEL_DEFAULTS_ADMINS: 'U1' } });
    const views = h.slack.views().length;
    await h.driver.slashCommand({ text: 'defaults', userId: 'U1' });
    const form = (await waitFor('the defaults form', () => h.slack.views().at(views)?.view)) as unknown as OpenedView;
    const submitted = await h.driver.submitView({ viewId: form.id, userId: 'U2', values: { 'brand.tone': 'ton_01HEXPERT' } });
    expect(submitted.sent && submitted.outcome.kind).toBe('errors');
    expect((await h.bot.services.prefs.channelDefaults('C_GENERAL')).toneId).toBeUndefined();
  });
});

describe('what goes upstream and what comes back', () => {
  it('control characters typed into a form never reach the upstream', async () => {
    const h = await harness();
    await finishedRoot(h, 'C_GENERAL', (await runBlogPost(h, 'Null\u0000byte\u0007 and\ttab\nnewline')).ts);
    const body = JSON.stringify(h.jasper.requestsTo(RUN)[0]?.body);
    expect(body).toContain('Nullbyte and\\ttab\\nnewline');
    expect(body).not.toMatch(/\\u000[07]/);
  });

  it('an upstream error is shown as one sentence of its own, without secrets or doubled wording', async () => {
    const h = await harness();
    const message = `Internal failure near ${h.slack.botToken} and ${h.secrets[1]}. Stack: at handler (server.js:12) ${'x'.repeat(500)}`;
    h.jasper.failNext(RUN, { status: 500, body: { statusCode: 500, message, error: 'Internal Server Error' } });
    const root = await runBlogPost(h, 'Error words');
    await finishedRoot(h, 'C_GENERAL', root.ts);
    const failure = await waitFor('the failure', () => h.slack.thread('C_GENERAL', root.ts).slice(1).find((m) => textOf(m).includes(':x:')));
    const text = textOf(failure);
    expect(text).toContain('Jasper had a problem on its side (500): Internal failure near [redacted] and [redacted]. Press Retry');
    expect(text).not.toContain('Stack');
    expect(text.match(/had a problem on its side/g)).toHaveLength(1);
  });
});
