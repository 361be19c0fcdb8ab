import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import type { OpenedView } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const dm = () => h.slack.messages('D_USER1');

/** The user shares a file with the bot in their DM, as Slack delivers it (a `file_share` message event). */
async function shareFile(name: string, mimetype: string, content: Buffer) {
  const shared = h.slack.shareUserFile({ name, mimetype, content });
  await h.driver.event({ type: 'message', subtype: 'file_share', channel: 'D_USER1', channel_type: 'im', user: 'U1', text: '', ts: shared.ts, files: [shared.file] });
  return shared;
}

describe('knowledge from Slack', () => {
  it('a file shared in a DM is uploaded to Jasper knowledge with the name and tags the user confirms', async () => {
    const bytes = Buffer.from('%PDF-1.4 brand guide for ACME');
    const shared = await shareFile('brand-guide.pdf', 'application/pdf', bytes);
    const offer = await waitFor('the offer', () => h.slack.thread('D_USER1', shared.ts).find((m) => JSON.stringify(m.blocks ?? []).includes('knowledge.add')));
    const views = h.slack.views().length;
    await h.driver.blockAction({ actionId: 'knowledge.add', container: { type: 'message', channel: 'D_USER1', ts: offer.ts } });
    const view = (await waitFor('the confirm form', () => h.slack.views().at(views)?.view)) as unknown as OpenedView;
    const submitted = await h.driver.submitView({ viewId: view.id, values: { 'knowledge.name': 'ACME brand guide', 'knowledge.tags': 'brand, 2025' } });
    expect(submitted.sent && submitted.outcome.kind).toBe('closed');
    await waitFor('the confirmation', () => dm().some((m) => textOf(m).includes('Added *ACME brand guide*') || m.text.includes('Added *ACME brand guide*')));

    const created = h.jasper.knowledgeItems().find((k) => k.name === 'ACME brand guide');
    expect(created?.tags).toEqual(['brand', '2025']);
    expect(Buffer.from(h.jasper.knowledgeFile(created!.id)!.bytes).toString()).toBe(bytes.toString());
  });

  it('refuses a file Jasper does not take, with the reason, before uploading anything', async () => {
    const uploads = h.jasper.requestsTo('POST /knowledge').length;
    const shared = await shareFile('setup.exe', 'application/x-msdownload', Buffer.from('MZ'));
    const reply = await waitFor('the refusal', () => h.slack.thread('D_USER1', shared.ts).find((m) => m.text.includes("can't add *setup.exe*")));
    expect(reply.text).toMatch(/exe|type/i);
    expect(h.jasper.requestsTo('POST /knowledge')).toHaveLength(uploads);
  });
});

describe('a file Slack will not give', () => {
  it('is reported as a Slack problem naming the file, never as the agent API', async () => {
    const shared = await shareFile('pricing-2025.pdf', 'application/pdf', Buffer.from('%PDF-1.4 pricing'));
    const offer = await waitFor('the offer', () => h.slack.thread('D_USER1', shared.ts).find((m) => JSON.stringify(m.blocks ?? []).includes('knowledge.add')));
    const views = h.slack.views().length;
    await h.driver.blockAction({ actionId: 'knowledge.add', container: { type: 'message', channel: 'D_USER1', ts: offer.ts } });
    const view = (await waitFor('the confirm form', () => h.slack.views().at(views)?.view)) as unknown as OpenedView;
    // Deleted in Slack while the form was open.
    h.slack.deleteFile(String(shared.file.id));
    const uploads = h.jasper.requestsTo('POST /knowledge').length;
    await h.driver.submitView({ viewId: view.id, values: { 'knowledge.name': 'Pricing', 'knowledge.tags': '' } });
    const told = await waitFor('the explanation', () => dm().find((m) => m.text.includes("couldn't add *Pricing*")));
    expect(told.text).toContain('Slack would not let me fetch *pricing-2025.pdf*');
    expect(told.text).not.toContain("agent API");
    expect(h.jasper.requestsTo('POST /knowledge')).toHaveLength(uploads);
  });
});
