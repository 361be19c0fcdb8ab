import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { createSlackDriver, type SlackDriver } from '../support/slack-driver.js';
import { type ProbeApp, startProbeApp } from './bolt-app.js';

const secret = 'test-signing-secret';
let fake: FakeSlack;
let app: ProbeApp;
let slack: SlackDriver;

beforeEach(async () => {
  fake = await startFakeSlack();
  app = await startProbeApp(fake, secret);
  slack = createSlackDriver({ botUrl: app.url, signingSecret: secret, slack: fake });
});
afterEach(async () => {
  await app.stop();
  await fake.close();
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i += 1) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
};

describe('the driver against a real Bolt app', () => {
  it('runs a slash command, a modal with an options request, and a submission', async () => {
    const cmd = await slack.slashCommand({ text: 'run blog-post' });
    expect(cmd.status).toBe(200);
    expect(cmd.timedOut).toBe(false);
    await until(() => fake.openModals('U1').length === 1);
    const view = fake.openModals('U1')[0]?.view;
    expect(fake.callsTo('views.open')[0]?.args.trigger_id).toBe(cmd.triggerId);

    const options = await slack.blockSuggestion({ viewId: view?.id as string, actionId: 'style', value: '' });
    expect(options.errors).toEqual([]);
    expect(options.options).toEqual([{ text: { type: 'plain_text', text: 'Style any' }, value: 'style-1' }]);

    const empty = await slack.submitView({ viewId: view?.id as string, values: { tone: 'formal' } });
    expect(empty).toEqual({ sent: false, clientErrors: { topic: 'Please complete this required field.' } });
    const short = await slack.submitView({ viewId: view?.id as string, values: { topic: 'ab', tone: 'formal' } });
    expect(short.sent && short.outcome).toEqual({ kind: 'errors', errors: { topic: 'Too short' } });
    await expect(slack.submitView({ viewId: view?.id as string, values: { topic: 'AI', tone: 'loud' } })).rejects.toThrow(/no option/);
    const ok = await slack.submitView({ viewId: view?.id as string, values: { topic: 'AI agents', tone: 'casual', style: { value: 'style-1', text: 'Style 1' } } });
    expect(ok.sent && ok.outcome).toEqual({ kind: 'closed' });
    expect(fake.openModals('U1')).toEqual([]);
    await until(() => fake.roots('C_GENERAL').length === 1);
    expect(fake.textOf(fake.roots('C_GENERAL')[0])).toBe('Running *AI agents* (casual)\nCancel');
  });

  it('shows a command’s immediate answer as an ephemeral message', async () => {
    await slack.slashCommand({ text: 'help', userId: 'U2' });
    expect(fake.ephemerals({ user: 'U2' }).map((e) => e.text)).toEqual(['Usage: /jasper run <task>']);
  });

  it('clicks a button that is in a posted message; the bot answers on the response_url', async () => {
    const cmd = await slack.slashCommand({ text: 'run' });
    await until(() => fake.openModals('U1').length === 1);
    await slack.submitView({ viewId: fake.openModals('U1')[0]?.view.id as string, values: { topic: 'Topic', tone: 'formal' } });
    await until(() => fake.roots('C_GENERAL').length === 1);
    const ts = fake.roots('C_GENERAL')[0]?.ts as string;
    const click = await slack.blockAction({ actionId: 'cancel', container: { type: 'message', channel: 'C_GENERAL', ts } });
    expect(click.status).toBe(200);
    expect(click.payload).toMatchObject({ type: 'block_actions', container: { type: 'message', message_ts: ts, channel_id: 'C_GENERAL', is_ephemeral: false }, actions: [{ action_id: 'cancel', type: 'button', value: 'run-1' }] });
    await until(() => fake.responses(click.responseUrl as string).length === 1);
    expect(fake.ephemerals({ user: 'U1' }).map((e) => e.text)).toEqual(['Cancelled run-1']);
    await expect(slack.blockAction({ actionId: 'nope', container: { type: 'message', channel: 'C_GENERAL', ts } })).rejects.toThrow(/no element/);
    expect(cmd.responseUrl).not.toBe(click.responseUrl);
  });

  it('delivers mentions, messages with retry headers, and Home opens', async () => {
    const mention = await slack.appMention({ text: 'run blog-post' });
    expect(mention.status).toBe(200);
    await until(() => fake.thread('C_GENERAL', mention.ts).length === 2);
    expect(fake.textOf(fake.thread('C_GENERAL', mention.ts)[1])).toBe('On it');

    const first = await slack.message({ channel: 'D_USER1', text: 'hello' });
    await slack.message({ channel: 'D_USER1', text: 'hello', ts: first.ts, eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
    await until(() => app.retries.length === 2);
    expect(app.retries).toEqual([undefined, 1]);

    await slack.appHomeOpened('U1');
    await until(() => fake.homeView('U1') !== undefined);
  });

  it('lets Bolt refuse forged and stale requests', async () => {
    const body = JSON.stringify({ type: 'event_callback', event: { type: 'app_mention' } });
    expect((await slack.send(body, { contentType: 'json', signature: 'wrong' })).status).toBe(401);
    expect((await slack.send(body, { contentType: 'json', timestampSec: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    expect((await slack.send(body, { contentType: 'json', signature: 'missing' })).status).toBe(401);
    expect((await slack.urlVerification('abc')).json).toEqual({ challenge: 'abc' });
  });
});
