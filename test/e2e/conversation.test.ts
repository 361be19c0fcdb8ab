import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type RestartableHarness } from '../support/bot-harness.js';
import { LENGTH, OUTLINE, TOPIC } from './helpers.js';

const RUN = 'POST /tasks/:id/run/stream' as const;
let h: RestartableHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
beforeEach(() => h.jasper.reset());

/** The bot's messages in a thread after the user's first one. */
const botReplies = (channel: string, threadTs: string) => h.slack.thread(channel, threadTs).filter((m) => m.user === h.slack.botUserId);
const lastBotText = (channel: string, threadTs: string) => {
  const last = botReplies(channel, threadTs).at(-1);
  return last ? textOf(last) : '';
};

/** Sends a reply in the thread and waits for the bot to answer it (one more bot message, or a changed last one). */
async function answer(channel: string, threadTs: string, text: string, user = 'U1') {
  const before = botReplies(channel, threadTs).length;
  await h.driver.message({ channel, user, text, threadTs });
  await waitFor(`the bot to answer "${text}"`, () => botReplies(channel, threadTs).length > before);
  return lastBotText(channel, threadTs);
}

async function mention(text: string, channel = 'C_GENERAL', user = 'U1') {
  const sent = await h.driver.appMention({ channel, user, text: `<@${h.slack.botUserId}> ${text}` });
  await waitFor('the first question', () => botReplies(channel, sent.ts).length > 0);
  return sent.ts;
}

describe('conversational filling in a thread', () => {
  it('fills Blog Post by typed answers ("medium" matches), confirms with Run, and sends the right contextItems', async () => {
    const thread = await mention('run blog-post');
    expect(lastBotText('C_GENERAL', thread)).toContain(OUTLINE.question!);
    expect(await answer('C_GENERAL', thread, 'skip')).toContain(LENGTH.question!);
    expect(await answer('C_GENERAL', thread, 'medium')).toContain(TOPIC.question!);
    const summary = await answer('C_GENERAL', thread, 'AI for dentists');
    expect(summary).toContain('Medium (800-1500 words)');
    expect(summary).toContain('AI for dentists');
    const withRun = botReplies('C_GENERAL', thread).find((m) => JSON.stringify(m.blocks ?? []).includes('fill.confirm'))!;
    const run = JSON.stringify(withRun.blocks).match(/"action_id":"(fill\.confirm[^"]*)"/)![1]!;
    await h.driver.blockAction({ actionId: run, container: { type: 'message', channel: 'C_GENERAL', ts: withRun.ts } });
    await waitFor('the run', () => h.jasper.requestsTo(RUN).length === 1);
    expect(h.jasper.requestsTo(RUN)[0]?.body).toEqual({
      contextItems: [
        { id: LENGTH.id, value: 'Medium (800-1500 words)' },
        { id: TOPIC.id, value: 'AI for dentists' },
      ],
    });
    await waitFor('the run in the same thread', () => h.slack.thread('C_GENERAL', thread).some((m) => m.stream?.state === 'completed'));
    await waitFor('the status', () => botReplies('C_GENERAL', thread).some((m) => textOf(m).includes('Done')));
  });

  it('skips inputs pre-filled with name=value, and re-asks an invalid option with the reason', async () => {
    const thread = await mention('run blog-post topic="Q3 launch" outline="1. Intro"');
    await waitFor('the only missing question', () => lastBotText('C_GENERAL', thread).includes(LENGTH.question!));
    expect(botReplies('C_GENERAL', thread).map(textOf).join('\n')).not.toContain(TOPIC.question!);
    const again = await answer('C_GENERAL', thread, 'gigantic');
    expect(again).toContain(LENGTH.question!);
    expect(again.toLowerCase()).toContain('short');
    const summary = await answer('C_GENERAL', thread, 'long');
    expect(summary).toContain('Long (over 1500 words)');
    expect(summary).toContain('Q3 launch');
  });

  it('back reopens the last answer, and cancel ends it without running anything', async () => {
    const thread = await mention('run blog-post');
    await answer('C_GENERAL', thread, 'An outline');
    expect(await answer('C_GENERAL', thread, 'back')).toContain(OUTLINE.question!);
    await answer('C_GENERAL', thread, 'A better outline');
    const cancelled = await answer('C_GENERAL', thread, 'cancel');
    expect(cancelled.toLowerCase()).toContain('cancel');
    await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'medium', threadTs: thread });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.jasper.requestsTo(RUN)).toHaveLength(0);
  });

  it('answers only the person who started it; others are told politely', async () => {
    const thread = await mention('run blog-post');
    const before = h.slack.ephemerals({ user: 'U2' }).length;
    await h.driver.message({ channel: 'C_GENERAL', user: 'U2', text: 'skip', threadTs: thread });
    const told = await waitFor('the polite note', () => h.slack.ephemerals({ user: 'U2' }).at(before));
    expect(textOf(told)).toContain('<@U1>');
    expect(lastBotText('C_GENERAL', thread)).toContain(OUTLINE.question!);
  });

  it('/jasper chat <task> starts the conversation in a thread under a channel message', async () => {
    const roots = h.slack.roots('C_GENERAL').length;
    await h.driver.slashCommand({ text: 'chat blog-post topic=Chats' });
    const root = await waitFor('the channel message', () => h.slack.roots('C_GENERAL').at(roots));
    expect(textOf(root)).toContain('<@U1>');
    await waitFor('the first question in its thread', () => lastBotText('C_GENERAL', root.ts)?.includes(OUTLINE.question!));
  });

  it('works in a DM', async () => {
    const sent = await h.driver.message({ channel: 'D_USER1', user: 'U1', text: 'run blog-post blog-length=short' });
    await waitFor('the first question', () => lastBotText('D_USER1', sent.ts).includes(OUTLINE.question!));
    expect(await answer('D_USER1', sent.ts, 'skip')).toContain(TOPIC.question!);
  });

  it('offers tasks as buttons when none is named', async () => {
    const sent = await h.driver.appMention({ channel: 'C_GENERAL', user: 'U1', text: `<@${h.slack.botUserId}> blog` });
    const offer = await waitFor('the offer', () => botReplies('C_GENERAL', sent.ts).at(0));
    expect(JSON.stringify(offer.blocks)).toContain('fill.task');
    const id = JSON.stringify(offer.blocks).match(/"action_id":"(fill\.task[^"]*)"/)![1]!;
    await h.driver.blockAction({ actionId: id, container: { type: 'message', channel: 'C_GENERAL', ts: offer.ts } });
    await waitFor('the first question', () => botReplies('C_GENERAL', sent.ts).some((m) => textOf(m).includes(OUTLINE.question!)));
  });

  it('understands free text: the agent extracts input values, which pre-fill and are echoed', async () => {
    h.jasper.setCommandAnswer('Here you go:\n```json\n{"topic": "AI for dentists", "blog-length": "medium"}\n```');
    const thread = await mention('a medium blog post about AI for dentists');
    await waitFor('the echo and first question', () => botReplies('C_GENERAL', thread).some((m) => textOf(m).includes(OUTLINE.question!)));
    const said = botReplies('C_GENERAL', thread).map(textOf).join('\n');
    expect(said).toContain('AI for dentists');
    expect(said).toContain('Medium (800-1500 words)');
    const summary = await answer('C_GENERAL', thread, 'skip');
    expect(summary).toContain('AI for dentists');
    const command = h.jasper.requestsTo('POST /command')[0]?.body as { inputs: { command: string } };
    expect(command.inputs.command).toContain('a medium blog post about AI for dentists');
  });

  it('falls back to asking when the extraction answer is garbage', async () => {
    h.jasper.setCommandAnswer('I am not sure what you mean.');
    const thread = await mention('a blog post about our Q3 launch');
    expect(lastBotText('C_GENERAL', thread)).toContain(OUTLINE.question!);
    expect(await answer('C_GENERAL', thread, 'skip')).toContain(LENGTH.question!);
  });

  it('picks up at the open question after the bot restarts', async () => {
    const thread = await mention('run blog-post');
    await answer('C_GENERAL', thread, 'skip');
    await h.restart();
    expect(await answer('C_GENERAL', thread, 'short')).toContain(TOPIC.question!);
    const summary = await answer('C_GENERAL', thread, 'Restarts');
    expect(summary).toContain('Short (under 800 words)');
  });
});
