import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputIn, waitFor } from '../../support/bot-harness.js';
import { fieldBlock, openFormVia, rootState, startReplicas, type Replicas } from '../../support/replicas.js';
import { TOPIC } from '../helpers.js';

const RUNS = 300;
const CHANNELS = 30;
/** Slack grants some apps more than its published tiers; the bots and the gate are told the same factor. */
const SCALE = 20;
const channelOf = (i: number) => `C_T${String(i % CHANNELS).padStart(2, '0')}`;

describe('300 runs spread over three replicas', () => {
  let r: Replicas;
  beforeAll(async () => {
    r = await startReplicas([{}, {}, {}], {
      limit: { enabled: true, perSecond: 1, burst: 3, counts: 'posts', tiers: true, tierScale: SCALE },
      env: { SLACK_RATE_SCALE: String(SCALE) },
    });
    for (let c = 0; c < CHANNELS; c++) r.slack.addChannel(channelOf(c), { name: channelOf(c).toLowerCase(), isMember: true, members: ['U1'] });
  }, 60_000);
  afterAll(async () => {
    await r?.close();
  });

  it('all finish, each output shown once, every replica works on some, and the Slack gate refuses nothing (one budget for all)', { timeout: 240_000 }, async () => {
    const roots: Array<{ channel: string; ts: string }> = [];
    for (let i = 0; i < RUNS; i++) {
      const channel = channelOf(i);
      const form = await openFormVia(r, r.via(i), 'run blog-post', channel);
      const before = r.slack.roots(channel).length;
      await r.via(i + 1).submitView({ viewId: form.id, values: { [fieldBlock(form, TOPIC.id)]: `Throughput ${i}` } });
      const root = await waitFor('the root message', () => r.slack.roots(channel).at(before), 20_000);
      roots.push({ channel, ts: root.ts });
    }
    await waitFor('every run to finish', () => roots.every(({ channel, ts }) => rootState(r, channel, ts).includes('Done')), 200_000);

    expect(r.gate.calls.filter((call) => call.limited)).toEqual([]);
    for (const { channel, ts } of roots) {
      const output = outputIn(r.slack.thread(channel, ts));
      expect(output.length).toBeGreaterThan(0);
      // The whole output once: a second copy would repeat its first sentence.
      expect(output.split(output.slice(0, 40))).toHaveLength(2);
    }
    expect(r.jasper.requestsTo('POST /tasks/:id/run/stream')).toHaveLength(RUNS);
    for (const bot of r.bots) expect(bot.output.join('').match(/Working on session/g)?.length ?? 0).toBeGreaterThan(0);
    // Each replica's /metrics counts the runs it finished: together, every run once. The count goes up just after the
    // root says Done, so it is read until it settles.
    const finishedDone = () =>
      Promise.all(
        r.bots.map(async (bot) => {
          const text = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
          return Number(text.match(/^jsb_runs_total\{provider="jasper",outcome="done"\} (\d+)$/m)?.[1] ?? 0);
        }),
      ).then((counts) => counts.reduce((a, b) => a + b, 0));
    await expect.poll(finishedDone, { timeout: 10_000 }).toBe(RUNS);
  });
});
