import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBrowserAgent, type FakeBrowserAgent } from '../fakes/fake-browser-agent.js';
import { textOf } from '../fakes/fake-slack.js';
import { browserFor } from '../providers/browser-agent/setup.js';
import { startHarness, waitFor, type RestartableHarness } from '../support/bot-harness.js';
import { blockIdOf, openForm } from './helpers.js';

// The browser agent's Browse task asks for a URL, a number in a range and a JSON Schema: a bad one of each is refused
// with its reason in the modal (a field error) and in a thread (the question again), and nothing is sent upstream.
const SUBMIT = 'POST /v1/tasks' as const;
let h: RestartableHarness;
let browser: FakeBrowserAgent;
beforeAll(async () => {
  browser = await startFakeBrowserAgent();
  h = await startHarness({ moreProviders: [browserFor(browser)] });
});
afterAll(async () => {
  await h?.close();
  await browser?.close();
});
beforeEach(() => browser.reset());

const botReplies = (channel: string, threadTs: string) => h.slack.thread(channel, threadTs).filter((m) => m.user === h.slack.botUserId);
const lastBotText = (channel: string, threadTs: string) => {
  const last = botReplies(channel, threadTs).at(-1);
  return last ? textOf(last) : '';
};

async function answer(threadTs: string, text: string): Promise<string> {
  const before = botReplies('C_GENERAL', threadTs).length;
  await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text, threadTs });
  await waitFor(`the bot to answer "${text}"`, () => botReplies('C_GENERAL', threadTs).length > before);
  return lastBotText('C_GENERAL', threadTs);
}

describe('checked inputs in the modal', () => {
  it('shows a bad address and a bad JSON Schema as field errors, and runs nothing', async () => {
    const view = await openForm(h, 'run browse');
    const values = {
      [blockIdOf(view, 'task')]: 'Find the price',
      [blockIdOf(view, 'startUrl')]: 'https://[bad',
      [blockIdOf(view, 'schema')]: '{"type":"text"}',
    };
    const submitted = await h.driver.submitView({ viewId: view.id, values });
    expect(submitted.sent && submitted.outcome.kind).toBe('errors');
    const errors = submitted.sent && submitted.outcome.kind === 'errors' ? submitted.outcome.errors : {};
    expect(errors).toEqual({
      [blockIdOf(view, 'startUrl')]: expect.stringContaining('is not a web address'),
      [blockIdOf(view, 'schema')]: expect.stringContaining('That is not a JSON Schema: "type" must be one of'),
    });
    expect(h.slack.view(view.id)?.open).toBe(true);
    expect(browser.requestsTo(SUBMIT)).toHaveLength(0);
  });

  it('offers a number input Slack holds to 1..25, and sends valid values as the API takes them', async () => {
    const view = await openForm(h, 'run browse');
    const steps = blockIdOf(view, 'maxSteps');
    const tooMany = await h.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, 'task')]: 'Find the price', [steps]: '30' } });
    expect(tooMany.sent).toBe(false);
    const values = {
      [blockIdOf(view, 'task')]: 'Find the price',
      [blockIdOf(view, 'startUrl')]: 'https://example.com/shop',
      [blockIdOf(view, 'schema')]: '{"type":"object","properties":{"price":{"type":"number"}}}',
      [steps]: '5',
    };
    const submitted = await h.driver.submitView({ viewId: view.id, values });
    expect(submitted.sent && submitted.outcome.kind).toBe('closed');
    const [sent] = await waitFor('the task to be submitted', () => browser.requestsTo(SUBMIT).length > 0 && browser.requestsTo(SUBMIT));
    expect(sent?.body).toMatchObject({
      task: 'Find the price',
      startUrl: 'https://example.com/shop',
      maxSteps: 5,
      schema: { type: 'object', properties: { price: { type: 'number' } } },
    });
  });
});

describe('checked inputs in a thread', () => {
  it('asks again with the reason for a bad address, JSON Schema and number, then runs with the fixed ones', { timeout: 40_000 }, async () => {
    const sent = await h.driver.appMention({ channel: 'C_GENERAL', user: 'U1', text: `<@${h.slack.botUserId}> run browse` });
    const thread = sent.ts;
    await waitFor('the first question', () => botReplies('C_GENERAL', thread).length > 0);
    expect(await answer(thread, 'Find the price')).toContain('Which page should it start from?');
    const url = await answer(thread, 'ftp://example.com/file');
    expect(url).toContain('The address must start with http:// or https:// (not ftp:)');
    expect(url).toContain('Which page should it start from?');
    expect(await answer(thread, '<https://example.com/shop>')).toContain('Paste a JSON Schema');
    const schema = await answer(thread, '{"type": "text"}');
    expect(schema).toContain('That is not a JSON Schema');
    expect(await answer(thread, '{"type": "object"}')).toContain('How many steps may it take at most?');
    const steps = await answer(thread, '40');
    expect(steps).toContain('40 is out of range: type a number from 1 to 25.');
    expect(await answer(thread, '3')).toContain("Attach the last page's HTML?");
    await answer(thread, 'no');
    const withRun = await waitFor('the summary', () => botReplies('C_GENERAL', thread).find((m) => JSON.stringify(m.blocks ?? []).includes('fill.confirm')));
    const run = JSON.stringify(withRun.blocks).match(/"action_id":"(fill\.confirm[^"]*)"/)?.[1] ?? '';
    await h.driver.blockAction({ actionId: run, container: { type: 'message', channel: 'C_GENERAL', ts: withRun.ts } });
    const [submitted] = await waitFor('the task to be submitted', () => browser.requestsTo(SUBMIT).length > 0 && browser.requestsTo(SUBMIT));
    expect(submitted?.body).toMatchObject({ task: 'Find the price', startUrl: 'https://example.com/shop', maxSteps: 3, schema: { type: 'object' } });
    expect(browser.requestsTo(SUBMIT)).toHaveLength(1);
  });
});
