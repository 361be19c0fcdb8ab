import { randomUUID } from 'node:crypto';
import { LogLevel } from '@slack/web-api';
import { afterAll, describe, expect, it } from 'vitest';
import { PacedWebClient, type SlackCallStatus } from '../../../../src/slack/thread/pacing/paced-web-client.js';
import { createSlackRateGate, type SlackRateGate } from '../../../../src/slack/thread/pacing/slack-rate-gate.js';
import { REDIS_URL, deleteNamespace } from '../../../support/redis.js';
import { mostInAnyInterval } from './admissions.js';
import { startSlackApiStub, type StubAnswer } from './slack-api-stub.js';

const prefix = `test-pacing-${randomUUID()}`;
const gates: SlackRateGate[] = [];
function redisGate(): SlackRateGate {
  const gate = createSlackRateGate({ redisUrl: REDIS_URL, prefix });
  gates.push(gate);
  return gate;
}

afterAll(async () => {
  await Promise.all(gates.map((gate) => gate.close()));
  await deleteNamespace(prefix);
});

/** Slack's per-channel limit, about one message a second, less a little for the jitter of two processes' timers. */
const MIN_GAP_MS = 850;

/** chat.postMessage that refuses (429, Retry-After: 1) a message that comes too soon after its channel's last one. */
function channelLimitedSlack() {
  const accepted = new Map<string, number[]>();
  let refused = 0;
  const answer = (method: string, args: URLSearchParams): StubAnswer => {
    const channel = args.get('channel') ?? '';
    const times = accepted.get(channel) ?? [];
    const now = performance.now();
    if (method !== 'chat.postMessage') return { body: { ok: false, error: 'unknown_method' } };
    if (times.length > 0 && now - (times.at(-1) ?? 0) < MIN_GAP_MS) {
      refused++;
      return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
    }
    accepted.set(channel, [...times, now]);
    return { body: { ok: true, channel, ts: `${Date.now() / 1000}`, message: { text: args.get('text') } } };
  };
  return { answer, accepted, refused: () => refused };
}

describe('PacedWebClient', () => {
  it('two replicas with gates on one Redis post 10 messages each into one channel without a 429', { timeout: 40_000 }, async () => {
    const slack = channelLimitedSlack();
    const stub = await startSlackApiStub(slack.answer);
    const outcomes: SlackCallStatus[] = [];
    const replica = () =>
      new PacedWebClient('xoxb-test', { slackApiUrl: stub.apiUrl, logLevel: LogLevel.ERROR, gate: redisGate(), onCall: (_m, status) => outcomes.push(status) });
    try {
      const replicas = [replica(), replica()];
      await Promise.all(replicas.flatMap((client, r) => Array.from({ length: 10 }, (_, i) => client.chat.postMessage({ channel: 'C1', text: `${r}-${i}` }))));
      const times = slack.accepted.get('C1') ?? [];
      expect(slack.refused()).toBe(0);
      expect(times).toHaveLength(20);
      expect(mostInAnyInterval(times, MIN_GAP_MS)).toBe(1);
      expect(outcomes).toEqual(Array.from({ length: 20 }, () => 'ok'));
    } finally {
      await stub.close();
    }
  });

  it('retries a 429 after its Retry-After through the gate again, and reports every outcome', async () => {
    const answers: StubAnswer[] = [
      { status: 429, headers: { 'retry-after': '0' }, body: { ok: false, error: 'ratelimited' } },
      { body: { ok: true, ts: '1.1' } },
      { body: { ok: false, error: 'ratelimited' } },
      { body: { ok: false, error: 'message_not_found' } },
    ];
    const stub = await startSlackApiStub(() => answers.shift() ?? { body: { ok: true } });
    const taken: string[] = [];
    const memory = createSlackRateGate({ prefix });
    const gate: SlackRateGate = {
      take: (key, rate) => {
        taken.push(key);
        return memory.take(key, rate);
      },
      close: () => memory.close(),
    };
    const outcomes: string[] = [];
    const client = new PacedWebClient('xoxb-test', { slackApiUrl: stub.apiUrl, logLevel: LogLevel.ERROR, gate, onCall: (method, status) => outcomes.push(`${method} ${status}`) });
    try {
      await client.chat.update({ channel: 'C1', ts: '1.1', text: 'a' });
      await expect(client.chat.update({ channel: 'C1', ts: '1.1', text: 'b' })).rejects.toThrow(/ratelimited/);
      await expect(client.chat.update({ channel: 'C1', ts: '1.1', text: 'c' })).rejects.toThrow(/message_not_found/);
      await client.auth.test();
      expect(taken).toEqual(['chat.update', 'chat.update', 'chat.update', 'chat.update']);
      expect(outcomes).toEqual(['chat.update rate_limited', 'chat.update ok', 'chat.update rate_limited', 'chat.update error', 'auth.test ok']);
    } finally {
      await stub.close();
    }
  });
});
