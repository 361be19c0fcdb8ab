import { randomUUID } from 'node:crypto';
import { startFakeJasper, type FakeJasper, type FakeJasperOptions } from '../fakes/fake-jasper.js';
import { startFakeSlack, textOf, type FakeSlack, type FakeSlackOptions } from '../fakes/fake-slack.js';
import { waitFor } from './bot-harness.js';
import { startBotProcess, type BotProcess } from './bot-process.js';
import { deleteNamespace } from './redis.js';
import { startSlackGate, type ChannelLimit, type SlackGate } from './slack-gate.js';
import type { SlackDriver } from './slack-driver.js';

/** The gate off: every call goes straight through (still recorded). */
export const NO_LIMITS: ChannelLimit = { enabled: false, perSecond: 1, burst: 3, counts: 'posts', tiers: false };

/**
 * Several real bot processes (`src/main.ts`, as production runs them) on one Redis prefix, behind one fake Slack (and a
 * gate that can enforce Slack's rates) and one fake Jasper: what `docker compose up --scale bot=3` gives.
 */
export interface Replicas {
  slack: FakeSlack;
  jasper: FakeJasper;
  gate: SlackGate;
  prefix: string;
  bots: BotProcess[];
  /** Starts one more replica (`env` adds settings, e.g. ROLE=web). */
  add(env?: Record<string, string>): Promise<BotProcess>;
  /** The driver of replica `i` modulo the count: a load balancer spreading requests. */
  via(i: number): SlackDriver;
  /** Every line the replicas logged. */
  output(): string;
  /** A replica whose log says it worked on `sessionId` (before any was killed: the one running it). */
  workerOf(sessionId: string): BotProcess | undefined;
  close(): Promise<void>;
}

export async function startReplicas(
  roles: Array<Record<string, string>>,
  options: { slack?: FakeSlackOptions; jasper?: FakeJasperOptions; limit?: ChannelLimit; env?: Record<string, string> } = {},
): Promise<Replicas> {
  const slack = await startFakeSlack(options.slack);
  const jasper = await startFakeJasper(options.jasper);
  const gate = await startSlackGate(slack.apiUrl, options.limit ?? NO_LIMITS);
  const prefix = `test-${randomUUID()}`;
  const bots: BotProcess[] = [];
  const launch = (env: Record<string, string> = {}) => startBotProcess(slack, jasper, prefix, { SLACK_API_URL: gate.apiUrl, ...options.env, ...env });
  const add = async (env: Record<string, string> = {}) => {
    const bot = await launch(env);
    bots.push(bot);
    return bot;
  };
  // In the order given, so that a test can tell which is which.
  bots.push(...(await Promise.all(roles.map((env) => launch(env)))));
  return {
    slack,
    jasper,
    gate,
    prefix,
    bots,
    add,
    via: (i) => {
      const live = bots.filter((b) => b.child.exitCode === null && b.child.signalCode === null);
      const bot = live[i % live.length];
      if (!bot) throw new Error('no replica is running');
      return bot.driver;
    },
    output: () => bots.map((b, i) => `--- replica ${i}\n${b.output.join('')}`).join('\n'),
    workerOf: (sessionId) => bots.findLast((b) => b.output.join('').includes(`Working on session ${sessionId}`)),
    async close() {
      for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
      await Promise.all(bots.map((b) => b.exited));
      await Promise.all([slack.close(), jasper.close(), gate.close()]);
      await deleteNamespace(prefix);
    },
  };
}

export interface OpenedForm {
  id: string;
  blocks: Array<{ block_id?: string }>;
}

/** `/jasper run …` through `driver`, and the form Slack opened. */
export async function openFormVia(r: Replicas, driver: SlackDriver, text: string, channelId = 'C_GENERAL', userId = 'U1'): Promise<OpenedForm> {
  const before = r.slack.views().length;
  await driver.slashCommand({ text, userId, channelId });
  return waitFor('the modal to open', () => r.slack.views().at(before)?.view as OpenedForm | undefined, 10_000);
}

export function fieldBlock(form: OpenedForm, fieldId: string): string {
  const id = form.blocks.find((b) => b.block_id?.endsWith(`:${fieldId}`))?.block_id;
  if (!id) throw new Error(`no block for field ${fieldId}`);
  return id;
}

/** The run's state as its root message shows it. */
export function rootState(r: Replicas, channel: string, ts: string): string {
  const root = r.slack.message(channel, ts);
  return root ? textOf(root) : '';
}

/** The session id a root message's buttons carry (Cancel, or Edit inputs & run again). */
export function sessionOf(r: Replicas, channel: string, ts: string): string | undefined {
  const root = r.slack.message(channel, ts);
  const match = JSON.stringify(root?.blocks ?? []).match(/"value":"([0-9a-f-]{36})"/);
  return match?.[1];
}
