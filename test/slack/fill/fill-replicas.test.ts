import type { Logger } from '@slack/logger';
import { LogLevel } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CombinedCatalogue } from '../../../src/catalogue/combined-catalogue.js';
import { TaskCatalogue } from '../../../src/catalogue/task-catalogue.js';
import type { Provider } from '../../../src/providers/types.js';
import type { ThreadRuns } from '../../../src/slack/thread/thread-runs.js';
import { FillFlow } from '../../../src/slack/fill/fill-flow.js';
import { ConversationRepository } from '../../../src/store/conversation-repository.js';
import type { KeyValueStore } from '../../../src/store/key-value-store.js';
import { createRedisStore } from '../../../src/store/redis-store.js';
import { blogPost, LENGTH, OUTLINE, TOPIC } from '../../conversation/fixtures.js';
import { startFakeSlack, textOf, type FakeSlack } from '../../fakes/fake-slack.js';
import { countKeys, REDIS_URL, testRedisStore } from '../../support/redis.js';

const CHANNEL = 'C_GENERAL';
const question = (fieldId: string) => blogPost.inputs.find((f) => f.id === fieldId)!.question;

let slack: FakeSlack;
let stores: KeyValueStore[];
let namespace: string;
let dispose: () => Promise<void>;
let flows: FillFlow[];

const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => LogLevel.ERROR, setName: () => {} };
const provider = { id: 'jasper', displayName: 'Jasper', listTasks: async () => [blogPost], getTask: async () => blogPost } as unknown as Provider;

/** A replica's fill flow: its own store connection, its own Slack client, the same Redis and Slack. */
function replica(store: KeyValueStore): FillFlow {
  const catalogue = new CombinedCatalogue(new Map([['jasper', new TaskCatalogue(provider, { refreshMs: 60_000 })]]));
  return new FillFlow({
    client: new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl }),
    conversations: new ConversationRepository(store, { ttlMs: 60_000 }),
    catalogue,
    command: '/jasper',
    runs: {} as ThreadRuns,
    logger: quiet,
    extractInputs: false,
    prefs: { effectiveDefaults: async () => ({}) },
  });
}

beforeEach(async () => {
  slack = await startFakeSlack();
  const first = await testRedisStore();
  namespace = first.namespace;
  stores = [first.store, await createRedisStore({ url: REDIS_URL, namespace })];
  flows = stores.map(replica);
  dispose = async () => {
    await stores[1]!.close();
    await first.dispose();
    await slack.close();
  };
});
afterEach(async () => {
  await dispose();
  expect(await countKeys(namespace)).toBe(0);
});

/** Starts Blog Post in a new thread; the first question is the outline's. */
async function startThread(): Promise<string> {
  const root = slack.addUserMessage({ channel: CHANNEL, user: 'U1', text: 'run blog-post' });
  await flows[0]!.beginWithTask({ channelId: CHANNEL, threadTs: root.ts, teamId: 'T1', userId: 'U1' }, blogPost, { values: {}, notes: [] });
  return root.ts;
}

/** A reply the person sent (so its ts is Slack's, in the order sent). */
const send = (threadTs: string, text: string) => slack.addUserMessage({ channel: CHANNEL, user: 'U1', text, threadTs }).ts;
const answer = (flow: FillFlow, threadTs: string, text: string, ts: string) => flow.handle(CHANNEL, threadTs, { type: 'text', userId: 'U1', text }, ts);
const botSaid = (threadTs: string) => slack.thread(CHANNEL, threadTs).filter((m) => m.user === slack.botUserId).map(textOf);
/** How many times a question was posted (an answered one is then replaced by its answer, so the thread no longer shows it). */
const asked = (threadTs: string, fieldId: string) =>
  slack.callsTo('chat.postMessage').filter((call) => call.args.thread_ts === threadTs && String(call.args.text).includes(question(fieldId))).length;

describe('conversation answers reaching different replicas', () => {
  it.each([
    ['in the order sent', false],
    ['in reverse order', true],
  ])('two answers sent together, arriving %s at two replicas, both count in the order sent; the next question is asked once', async (_name, reverse) => {
    const thread = await startThread();
    const first = send(thread, 'My outline');
    const second = send(thread, 'long');
    const arrivals = [() => answer(flows[0]!, thread, 'My outline', first), () => answer(flows[1]!, thread, 'long', second)];
    if (reverse) arrivals.reverse();
    // The second arrives 30 ms after the first, inside the gather window.
    const taken = arrivals.map((arrive, i) => new Promise((resolve) => setTimeout(resolve, i * 30)).then(arrive));
    expect(await Promise.all(taken)).toEqual([true, true]);

    const state = (await flows[1]!.get(CHANNEL, thread))?.state;
    expect(state?.values).toEqual({ [OUTLINE]: 'My outline', [LENGTH]: 'Long (over 1500 words)' });
    expect(state?.asking).toBe(TOPIC);
    expect(asked(thread, TOPIC)).toBe(1);
    // The length question was answered in the same breath: it is not asked, and the outline's only once (at the start).
    expect(asked(thread, LENGTH)).toBe(0);
    expect(asked(thread, OUTLINE)).toBe(1);
    expect(botSaid(thread).join('\n')).toContain('My outline');
  });

  it('answers alternating between replicas keep one consistent conversation', async () => {
    const thread = await startThread();
    const replies: Array<[string, string]> = [['An outline', question(LENGTH)], ['short', question(TOPIC)], ['Replicas', 'Replicas']];
    for (const [i, [text, next]] of replies.entries()) {
      expect(await answer(flows[i % 2]!, thread, text, send(thread, text))).toBe(true);
      expect(botSaid(thread).at(-1)).toContain(next);
    }
    const conversation = await flows[0]!.get(CHANNEL, thread);
    expect(conversation?.state.phase).toBe('confirming');
    expect(conversation?.state.values).toEqual({ [OUTLINE]: 'An outline', [LENGTH]: 'Short (under 800 words)', [TOPIC]: 'Replicas' });
    expect(conversation?.pending).toEqual([]);
    for (const field of [OUTLINE, LENGTH, TOPIC]) expect(asked(thread, field)).toBe(1);
  });

  it('takes a click and a typed answer together in the order they were made', async () => {
    const thread = await startThread();
    const typed = send(thread, 'skip');
    const clickTs = `${typed.split('.')[0]}.${String(Number(typed.split('.')[1]) + 1).padStart(6, '0')}`;
    const clicked = flows[0]!.handle(CHANNEL, thread, () => ({ type: 'pick', userId: 'U1', fieldId: LENGTH, values: ['Medium (800-1500 words)'] }), clickTs);
    await Promise.all([clicked, answer(flows[1]!, thread, 'skip', typed)]);
    const state = (await flows[0]!.get(CHANNEL, thread))?.state;
    expect(state?.skipped).toEqual([OUTLINE]);
    expect(state?.values).toEqual({ [LENGTH]: 'Medium (800-1500 words)' });
    expect(state?.asking).toBe(TOPIC);
    expect(asked(thread, TOPIC)).toBe(1);
  });

  it('records the question message for the state it was asked in, never for an older one', async () => {
    const thread = await startThread();
    await answer(flows[0]!, thread, 'An outline', send(thread, 'An outline'));
    const conversation = await flows[1]!.get(CHANNEL, thread);
    const open = slack.thread(CHANNEL, thread).filter((m) => textOf(m).includes(question(LENGTH)));
    expect(conversation?.promptTs).toBe(open.at(-1)?.ts);
    expect(conversation?.rev).toBe(2);
  });
});
