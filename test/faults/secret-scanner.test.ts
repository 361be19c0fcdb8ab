/**
 * The log scanner: a representative flow (commands, a form, a streamed run, a follow-up, upstream errors whose bodies
 * echo the API key, a Retry, a channel the bot is not in, malformed requests) and then no token, signing secret or
 * API key may appear in any log line or in anything the bot sent to Slack. Every harness in test/faults runs the same
 * scan when it closes (support/fault-harness.ts), so the whole fault suite is scanned too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK, contentFrame, errorFrame } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { waitFor } from '../support/bot-harness.js';
import { blockIdOf, openForm, runBlogPost, TOPIC } from '../e2e/helpers.js';
import { clickRetry, postSigned, recordCrashes, retryButtons, retryNotices, rootShows, RUN, shownOutput } from './support/checks.js';
import { startFaultHarness, type FaultHarness } from './support/fault-harness.js';
import { leaksIn, slackOutbound } from '../support/secret-scan.js';

/** Shaped like the real ones, so that pattern-based scrubbing (xoxb-...) is exercised as well as the exact match. */
// Built at run time so that no token-shaped string sits in the repository (secret scanners would flag it).
const BOT_TOKEN = ['xoxb', '1029384756', '5647382910', 'FaultSuiteBotTokenValue'].join('-');
const JASPER_KEY = 'jsp_live_FaultSuiteApiKeyValue0123456789';

describe('no secret in any log line or Slack message', () => {
  let h: FaultHarness;
  const crashes = recordCrashes();
  beforeAll(async () => {
    h = await startFaultHarness({ slack: { botToken: BOT_TOKEN }, jasper: { apiKey: JASPER_KEY } });
  });
  afterAll(async () => {
    crashes.dispose();
    await h?.close();
  });

  it('after a representative flow with errors that echo the secrets', async () => {
    expect(h.secrets).toEqual(expect.arrayContaining([BOT_TOKEN, JASPER_KEY]));
    await h.driver.slashCommand({ text: 'help' });
    await h.driver.slashCommand({ text: 'list' });
    await h.driver.slashCommand({ text: `run blog-post topic="${JASPER_KEY.slice(0, 3)}"` });
    await waitFor('the modal', () => h.slack.views().length === 1);

    // A run that works, then a follow-up in its thread.
    h.jasper.setOutputText('A fine post.');
    const root = await runBlogPost(h, 'Secrets');
    await rootShows(h, 'C_GENERAL', root.ts, 'Done');
    await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'shorter', threadTs: root.ts });
    await waitFor('the follow-up', () => shownOutput(h, 'C_GENERAL', root.ts) === 'A fine post.A fine post.');

    // Upstream errors whose bodies quote the key (as some APIs do): a 400 on the run start, an error frame inside the
    // stream, and a 401 on a read.
    h.jasper.failNext(RUN, { status: 400, body: { statusCode: 400, message: `Key ${JASPER_KEY} may not run this task`, error: 'Bad Request' } });
    const failed = await runBlogPost(h, 'Echoed key');
    await rootShows(h, 'C_GENERAL', failed.ts, 'Failed');
    await waitFor('the Retry', () => retryButtons(h, 'C_GENERAL', failed.ts).length === 1);
    expect(textOf(h.slack.thread('C_GENERAL', failed.ts).at(-1)!)).toContain('[redacted]');
    h.jasper.scriptStream(BLOG_POST_TASK.id, { steps: [{ frame: contentFrame('Partly ') }, { frame: errorFrame(500, `internal: key=${JASPER_KEY}`) }] });
    await clickRetry(h, 'C_GENERAL', failed.ts);
    await waitFor('the second failure', () => retryNotices(h, 'C_GENERAL', failed.ts).length === 2);
    h.jasper.reset();
    h.jasper.failNext('GET /tasks/:id', { status: 401, body: { message: `Unknown key ${JASPER_KEY}` } });
    const offer = h.slack.addUserMessage({
      channel: 'C_GENERAL',
      user: 'U2',
      text: 'offer',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory: { type: 'button', action_id: 'task.open', text: { type: 'plain_text', text: 'Run' }, value: 'jasper:not-cached-task' } }],
    });
    await h.driver.blockAction({ actionId: 'task.open', container: { type: 'message', channel: 'C_GENERAL', ts: offer.ts } });

    // A channel the bot is not in (Slack refuses, the user is told by DM), and requests that are not Slack's shape.
    const view = await openForm(h, 'run blog-post', 'U1', 'C_NOBOT');
    await h.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, TOPIC.id)]: 'Not a member' } });
    await waitFor('the DM', () => h.slack.messages('D_USER1').some((m) => textOf(m).includes('/invite @Jasper')));
    await postSigned(h, new URLSearchParams({ payload: '{not json' }).toString(), 'form');
    await h.driver.send(new URLSearchParams({ payload: '{}' }).toString(), { contentType: 'form', signature: 'wrong' });

    await waitFor('the read failure to be handled', () => h.logs.some((l) => l.includes('Could not open a task form')));
    // The scan saw real traffic, and no secret in it.
    expect(h.logs.length).toBeGreaterThan(50);
    expect(slackOutbound(h).length).toBeGreaterThan(20);
    expect(leaksIn(h)).toEqual([]);
    expect(crashes.seen).toEqual([]);
  });

  it('the scanner itself finds a secret in a log line, a Slack call, a call the proxy answered, an ephemeral and a view', () => {
    const nothing = { calls: [], ephemerals: () => [], views: () => [], channel: () => undefined, messages: () => [] };
    const scan = (extra: Partial<Parameters<typeof leaksIn>[0]>) => leaksIn({ logs: [], secrets: h.secrets, slack: nothing, ...extra });
    expect(scan({})).toEqual([]);
    expect(scan({ logs: ['fine', `oops ${JASPER_KEY}`] })).toHaveLength(1);
    const call = { method: 'chat.postMessage', args: { text: `token ${BOT_TOKEN}` }, at: 0, status: 200, response: {} };
    expect(scan({ slack: { ...nothing, calls: [call] } })).toHaveLength(1);
    expect(scan({ slackFaults: { answered: [{ method: 'chat.update', args: { text: `secret ${h.secrets[1]!}` } }] } })).toHaveLength(1);
    const ephemeral = { channel: 'C', user: 'U1', ts: '1.1', text: JASPER_KEY, source: 'response_url' as const };
    expect(scan({ slack: { ...nothing, ephemerals: () => [ephemeral] } })).toHaveLength(1);
    const view = { ...h.slack.views()[0]!, versions: [{ ...h.slack.views()[0]!.view, private_metadata: BOT_TOKEN }] };
    expect(scan({ slack: { ...nothing, views: () => [view] } })).toHaveLength(1);
  });
});
