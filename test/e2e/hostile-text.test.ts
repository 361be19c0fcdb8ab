/**
 * Untrusted text (issue #12): a task whose name, description and question carry `<!channel>`, `<!here>`, `<@U123>`,
 * `<https://x|y>` and `&lt;!channel&gt;`, an output and an upstream error that carry them too (split across stream
 * chunks), and a person who types them, go through every surface: the form, `/jasper list`, Home, the conversation,
 * the run's root, the streamed and the posted output, the failure message. No Slack call may carry a live mention or a
 * disguised link, except the bot's own `<@owner>`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentFrame, stepFrame, type FakeTask } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { liveTokens, type Found } from '../support/live-mentions.js';
import { blockIdOf, finishedRoot, openForm } from './helpers.js';

const HOSTILE = '<!channel> <!here> <!everyone> <!subteam^S0123|@team> <@U123> <#C999> <https://x.example|y> &lt;!channel&gt;';
const TASK: FakeTask = {
  id: 'b0b0b0b0-0000-4000-8000-00000000c0de',
  name: `<!channel> Memo <@U123>`,
  description: `About ${HOSTILE}`,
  contextItems: [
    { id: 'c0c0c0c0-0000-4000-8000-000000000001', name: `Topic <!here>`, type: 'INPUT', question: `Which topic? ${HOSTILE}`, tooltip: `Hint ${HOSTILE}`, required: true },
  ],
  version: 1,
  scope: 'WORKSPACE',
  categories: [`<!here> category`],
};
const RUN = 'POST /tasks/:id/run/stream' as const;
/**
 * The bot's own mention of the run's owner, and the Markdown link of the output as Slack's Markdown would show it too
 * (the progress preview turns `[link](url)` into mrkdwn's `<url|link>`).
 */
const ALLOWED = ['<@U1>', '<https://jasper.ai|link>'];

/** Every Slack call the fake recorded, each response_url answer and view, and every stored stream's whole text. */
function everything(h: Harness, only?: (method: string) => boolean): Found[] {
  const found: Found[] = [];
  for (const call of h.slack.calls) if (!only || only(call.method)) found.push(...liveTokens(`call ${call.method}`, call.args, ALLOWED));
  if (only) return found;
  for (const e of h.slack.ephemerals()) found.push(...liveTokens('ephemeral', e, ALLOWED));
  for (const v of h.slack.views()) found.push(...liveTokens(`view ${v.view.id}`, v.versions, ALLOWED));
  return found;
}

const isOutput = (method: string) => /Stream$/.test(method);
/** The edited progress message's fallback `text`, written by src/slack/thread/renderers/update-renderer.ts. */
const isProgressText = (f: Found) => /^call chat\.(postMessage|update) \.text$/.test(f.where);
/** Streams, as the whole text each shows once its chunks are put together (a token split across chunks shows here). */
function streamedWhole(h: Harness): Found[] {
  return ['C_GENERAL', h.slack.imOf('U1') ?? 'D_USER1']
    .filter((c) => h.slack.channel(c))
    .flatMap((c) => h.slack.messages(c))
    .flatMap((m) => ('stream' in m && m.stream ? liveTokens(`stream ${m.ts}`, { markdown_text: m.stream.markdown }, ALLOWED) : []));
}

function drive(streaming: true | string) {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ slack: { streaming }, jasper: { tasks: [TASK] } });
    // The output carries the tokens whole and split across frames (paced into separate appends).
    h.jasper.scriptStream(TASK.id, {
      steps: [
        { frame: stepFrame('s1', 'loading', `Step <!here>`, `Details ${HOSTILE}`) },
        { frame: contentFrame(`# Heading\n\n**Bold** and a [link](https://jasper.ai).\n\n${HOSTILE}\n\nSplit: <!chan`) },
        { frame: contentFrame('nel> and <@U1', `b2`), delayMs: 150 },
        { frame: contentFrame('23> and &lt;!ev', 'b3'), delayMs: 150 },
        { frame: contentFrame('eryone&gt; end.', 'b4'), delayMs: 150 },
        { frame: stepFrame('s1', 'completed', 'Done <!channel>') },
      ],
    });

    await h.driver.slashCommand({ text: 'list' });
    await h.driver.appHomeOpened('U1');
    await waitFor('the Home tab', () => h.slack.homeView('U1'));

    // A conversation: the person types the tokens (Slack sends what they type escaped, `<!channel>` as a real one).
    const mention = await h.driver.appMention({ text: `run ${TASK.id}` });
    await waitFor('the question', () => h.slack.thread('C_GENERAL', mention.ts).length > 1);
    await h.driver.message({ channel: 'C_GENERAL', threadTs: mention.ts, text: `&lt;!channel&gt; <!here> typed` });
    await waitFor('the summary', () => JSON.stringify(h.slack.thread('C_GENERAL', mention.ts)).includes('Ready to run'));

    // The form and a run from it: the root echoes the input, the thread streams (or posts) the output.
    const form = await openForm(h, `run ${TASK.id}`);
    await h.driver.submitView({ viewId: form.id, values: { [blockIdOf(form, TASK.contextItems[0]!.id)]: HOSTILE } });
    await waitFor('the run', () => h.jasper.requestsTo(RUN).length === 1);
    await finishedRoot(h);

    // A failed run whose upstream error carries the tokens.
    h.jasper.failNext(RUN, { status: 500, body: { statusCode: 500, message: `Broken ${HOSTILE}. More.`, error: 'Internal Server Error' } });
    const again = await openForm(h, `run ${TASK.id}`);
    const roots = h.slack.roots('C_GENERAL').length;
    await h.driver.submitView({ viewId: again.id, values: { [blockIdOf(again, TASK.contextItems[0]!.id)]: 'second' } });
    // The submission is answered before the run starts: wait for this run's own root, then for its failure message.
    const root = await waitFor('the failed run', () => h.slack.roots('C_GENERAL').at(roots));
    const failed = await finishedRoot(h, 'C_GENERAL', root.ts);
    expect(textOf(failed)).toContain('Failed');
    await waitFor('the failure message', () => h.slack.thread('C_GENERAL', failed.ts).some((m) => JSON.stringify(m).includes(':x:')));
  });
  afterAll(async () => {
    await h?.close();
  });
  return () => h;
}

describe('untrusted text never forms a mention or a disguised link (native streaming)', () => {
  const h = drive(true);

  it('the form, the list, Home, the conversation, the run root and the failure message', () => {
    expect(everything(h()).filter((f) => !isOutput(f.where.split(' ')[1] ?? ''))).toEqual([]);
  });

  it('still shows the text (escaped) and the Markdown', () => {
    const sent = JSON.stringify(h().slack.calls.map((c) => c.args));
    expect(sent).toContain('&lt;!channel&gt; Memo');
    expect(sent).toContain('**Bold**');
  });

  it('the streamed output, chunk by chunk and put together', () => {
    expect([...everything(h(), isOutput), ...streamedWhole(h())]).toEqual([]);
  });
});

describe('untrusted text never forms a mention or a disguised link (streaming refused: edits, then posted output)', () => {
  const h = drive('feature_not_enabled');

  const posted = (f: Found) => f.where.startsWith('call chat.postMessage') && f.where.includes('markdown_text');

  it('the form, the list, Home, the conversation, the run root, the progress preview and the failure message', () => {
    const mine = everything(h()).filter((f) => !posted(f) && !isProgressText(f) && !isOutput(f.where.split(' ')[1] ?? ''));
    expect(mine).toEqual([]);
  });

  it('the posted output and the progress message text', () => {
    expect(everything(h(), (m) => m === 'chat.postMessage' || m === 'chat.update').filter((f) => posted(f) || isProgressText(f))).toEqual([]);
  });
});
