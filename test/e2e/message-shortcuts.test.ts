import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PNG_SIGNATURE } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import type { OpenedView } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ jasper: { commandAnswer: 'Three points: speed, voice, scale.' } });
});
afterAll(async () => h?.close());
beforeEach(() => h.jasper.reset());

const CHANNEL = 'C_GENERAL';

async function shortcutForm(callbackId: string, ts: string): Promise<OpenedView> {
  const before = h.slack.views().length;
  await h.driver.messageShortcut({ callbackId, channel: CHANNEL, ts });
  return (await waitFor('the form', () => h.slack.views().at(before)?.view)) as unknown as OpenedView;
}

describe('Ask Jasper… on a message', () => {
  it('sends the instruction with the message as context and options, and answers in the message thread', async () => {
    const message = h.driver.message({ channel: CHANNEL, user: 'U2', text: 'Our launch post: Jasper ships faster drafts, one brand voice, every channel.' });
    const { ts } = await message;
    const view = await shortcutForm('jasper.ask_message', ts);
    const submitted = await h.driver.submitView({
      viewId: view.id,
      values: { 'ask.instruction': 'Summarise it in three points', 'ask.language': 'FR', 'ask.formality': 'more', 'ask.web_search': ['on'] },
    });
    expect(submitted.sent && submitted.outcome.kind).toBe('closed');
    await waitFor('the answer', () => h.slack.thread(CHANNEL, ts).some((m) => textOf(m).includes('Three points: speed, voice, scale.')));
    expect(textOf(h.slack.thread(CHANNEL, ts)[1])).toContain('<@U1> asked Jasper: _Summarise it in three points_');
    const [sent] = h.jasper.requestsTo('POST /command');
    expect(sent?.body).toEqual({
      inputs: { command: 'Summarise it in three points', context: 'Our launch post: Jasper ships faster drafts, one brand voice, every channel.', retrievalAddOn: 'webSearch' },
      options: { outputLanguage: 'FR', languageFormality: 'more', webSearch: { searchQuery: 'Summarise it in three points', maxResults: 3 } },
    });
  });

  it("on a message in a thread, 'Read the whole thread' sends the thread (conversations.replies) as context", async () => {
    const root = await h.driver.message({ channel: CHANNEL, user: 'U1', text: 'Which headline should we use?' });
    await h.driver.message({ channel: CHANNEL, user: 'U2', text: 'Option A: Faster drafts', threadTs: root.ts });
    const reply = await h.driver.message({ channel: CHANNEL, user: 'U1', text: 'Option B: One voice', threadTs: root.ts });
    const view = await shortcutForm('jasper.ask_message', reply.ts);
    await h.driver.submitView({ viewId: view.id, values: { 'ask.instruction': 'Pick the better one', 'ask.web_search': ['thread'] } });
    await waitFor('the answer', () => h.slack.thread(CHANNEL, root.ts).some((m) => textOf(m).includes('Three points')));
    const body = h.jasper.requestsTo('POST /command').at(-1)?.body as { inputs: { context: string } };
    expect(body.inputs.context).toBe('<@U1>: Which headline should we use?\n<@U2>: Option A: Faster drafts\n<@U1>: Option B: One voice');
    expect(h.slack.callsTo('conversations.replies').length).toBeGreaterThan(0);
  });

  it('/jasper ask explains that Slack does not say the thread, and points at the shortcut', async () => {
    await h.driver.slashCommand({ text: 'ask summarise this thread' });
    const answer = await waitFor('the answer', () => h.slack.ephemerals({ user: 'U1' }).find((e) => textOf(e).includes('Ask Jasper…')));
    expect(textOf(answer)).toContain('Read the whole thread');
  });
});

describe('Apply style guide on a message', () => {
  it('rewrites the message with the chosen style guide, shows it to the person only, and posts it in the thread on request', async () => {
    const { ts } = await h.driver.message({ channel: CHANNEL, user: 'U1', text: 'we are SO excited to launch!!!' });
    const view = await shortcutForm('jasper.apply_style_message', ts);
    await h.driver.submitView({ viewId: view.id, values: { 'style.guide': 'sty_01HHOUSE' } });
    const shown = await waitFor('the private rewrite', () => h.slack.ephemerals({ user: 'U1' }).find((e) => textOf(e).includes('[rewritten in House style]')));
    expect(h.jasper.requestsTo('POST /styles/:id/apply').at(-1)?.body).toEqual({ content: 'we are SO excited to launch!!!' });
    expect(h.slack.thread(CHANNEL, ts)).toHaveLength(1);
    await h.driver.blockAction({ actionId: 'style.post', container: { type: 'message', channel: CHANNEL, ts: shown.ts, ephemeral: true } });
    await waitFor('the rewrite in the thread', () => h.slack.thread(CHANNEL, ts).some((m) => textOf(m).includes('we are SO excited to launch!!! [rewritten in House style]')));
  });

  it('Discard posts nothing', async () => {
    const { ts } = await h.driver.message({ channel: CHANNEL, user: 'U1', text: 'Draft two' });
    const view = await shortcutForm('jasper.apply_style_message', ts);
    await h.driver.submitView({ viewId: view.id, values: { 'style.guide': 'sty_01HHOUSE' } });
    const shown = await waitFor('the private rewrite', () => h.slack.ephemerals({ user: 'U1' }).find((e) => textOf(e).includes('Draft two [rewritten')));
    const result = await h.driver.blockAction({ actionId: 'style.discard', container: { type: 'message', channel: CHANNEL, ts: shown.ts, ephemeral: true } });
    await waitFor('the discard', () => h.slack.responses(result.responseUrl!).some((r) => r.body.delete_original === true));
    expect(h.slack.thread(CHANNEL, ts)).toHaveLength(1);
  });

  it("when Jasper no longer offers style apply (404), the person is told so", async () => {
    h.jasper.retire(['POST /styles/:id/apply']);
    const { ts } = await h.driver.message({ channel: CHANNEL, user: 'U1', text: 'Draft three' });
    const view = await shortcutForm('jasper.apply_style_message', ts);
    await h.driver.submitView({ viewId: view.id, values: { 'style.guide': 'sty_01HHOUSE' } });
    const told = await waitFor('the explanation', () => h.slack.ephemerals({ user: 'U1' }).find((e) => textOf(e).includes('no longer offers')));
    expect(textOf(told)).toBe("Your workspace's Jasper no longer offers rewriting messages with a style guide, so I can't rewrite that message.");
    expect(h.slack.thread(CHANNEL, ts)).toHaveLength(1);
  });
});

describe('Remove background on a message with an image', () => {
  it('fetches the image with the bot token, sends it to Jasper and uploads the cut-out to the thread', async () => {
    const image = Buffer.from('fake-jpeg-bytes');
    const shared = h.slack.shareUserFile({ channel: CHANNEL, name: 'team.jpg', mimetype: 'image/jpeg', content: image, width: 1200, height: 800 });
    await h.driver.messageShortcut({ callbackId: 'jasper.remove_background', channel: CHANNEL, ts: shared.ts });
    const posted = await waitFor('the cut-out in the thread', () => h.slack.thread(CHANNEL, shared.ts).find((m) => m.files?.some((f) => f.name === 'team-no-background.png')));
    expect(textOf(posted)).toContain('removed the background of *team.jpg*');
    const uploaded = h.slack.files().find((f) => f.filename === 'team-no-background.png');
    expect(uploaded?.content).toEqual(Buffer.concat([PNG_SIGNATURE, image]));
    expect(h.jasper.requestsTo('POST /image/remove-background')).toHaveLength(1);
  });

  it('refuses a file that is not an image, or has too many pixels, with the reason, before anything is sent', async () => {
    const uploads = h.slack.callsTo('files.getUploadURLExternal').length;
    const pdf = h.slack.shareUserFile({ channel: CHANNEL, name: 'brief.pdf', mimetype: 'application/pdf', content: Buffer.from('%PDF') });
    await h.driver.messageShortcut({ callbackId: 'jasper.remove_background', channel: CHANNEL, ts: pdf.ts });
    await waitFor('the refusal', () => h.slack.ephemerals({ user: 'U1' }).find((e) => textOf(e).includes('*brief.pdf* is not an image')));
    const huge = h.slack.shareUserFile({ channel: CHANNEL, name: 'poster.png', mimetype: 'image/png', content: Buffer.from('png'), width: 8000, height: 6000 });
    await h.driver.messageShortcut({ callbackId: 'jasper.remove_background', channel: CHANNEL, ts: huge.ts });
    await waitFor('the refusal', () => h.slack.ephemerals({ user: 'U1' }).find((e) => textOf(e).includes('*poster.png* has 48 megapixels')));
    expect(h.jasper.requestsTo('POST /image/remove-background')).toHaveLength(0);
    expect(h.slack.callsTo('files.getUploadURLExternal')).toHaveLength(uploads);
  });
});
