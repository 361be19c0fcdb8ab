/**
 * The bench's world on 127.0.0.1: the test fakes (fake Slack Web API, fake Jasper), the Slack gate (per-channel rate
 * limit + call log) and the Jasper tap (stream timings) in front of them, and a signed-request driver per bot.
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { BLOG_POST_TASK, startFakeJasper, type FakeJasper, type FakeLatency } from '../test/fakes/fake-jasper.js';
import { startFakeSlack, type ChannelSpec, type FakeSlack, type UserSpec } from '../test/fakes/fake-slack.js';
import { createSlackDriver, type SlackDriver } from '../test/support/slack-driver.js';
import type { BotChildConfig } from './bot-protocol.js';
import { startBot, type BotHandle } from './bot-handle.js';
import { compileBot } from './compile-bot.js';
import { startJasperTap, type JasperTap } from './jasper-tap.js';
import type { BenchOptions } from './options.js';
import { startSlackGate, type ChannelLimit, type SlackGate } from '../test/support/slack-gate.js';
import { waitUntil } from './stats.js';

export const SIGNING_SECRET = 'bench-signing-secret-7a1d';
export const TOPIC_FIELD = BLOG_POST_TASK.contextItems[2]!;
/** Every output starts with these words, so the first visible text can be found in Slack calls. */
export const OUTPUT_PREFIX = 'Bench output begins here';

export interface World {
  slack: FakeSlack;
  jasper: FakeJasper;
  gate: SlackGate;
  tap: JasperTap;
  options: BenchOptions;
  /** The compiled bench/bot-child.js, when the bot runs compiled. */
  compiledEntry?: string;
  /** Users U1..Un exist in the fake Slack. */
  userCount: number;
  /** A new channel the bot is in, with one human member. */
  newChannel(prefix: string, user: string): string;
  /** Sets the upstream's latency and output for the next runs. */
  upstream(latency: Partial<FakeLatency>, outputChars: number): void;
  /** A bot process; `direct` skips the gate and the tap (capacity: less work in the bench's process). */
  startBot(o?: { direct?: boolean; label?: string }): Promise<BotUnderTest>;
  close(): Promise<void>;
}

export interface BotUnderTest {
  handle: BotHandle;
  driver: SlackDriver;
  /** `/jasper run blog-post` from `user` in `channel`; resolves with the opened modal. */
  openForm(channel: string, user: string, timeoutMs?: number): Promise<{ viewId: string; sentAt: number; triggerId: string; ackMs: number }>;
  /** Submits the Blog Post modal with `tag` as its Topic. */
  submit(viewId: string, user: string, tag: string): Promise<{ sentAt: number; ackMs: number }>;
  stop(graceful?: boolean): Promise<void>;
}

export async function startWorld(options: BenchOptions): Promise<World> {
  const userCount = options.maxUsers;
  const users: Record<string, UserSpec> = {};
  for (let i = 1; i <= userCount; i++) users[`U${i}`] = { name: `user${i}`, realName: `Bench User ${i}`, tz: 'Europe/London' };
  const channels: Record<string, ChannelSpec> = { C_GENERAL: { name: 'general', isMember: true, members: ['U1'] } };
  const slack = await startFakeSlack({ users, channels, triggerTtlMs: 3_000 });
  const jasper = await startFakeJasper({ outputText: benchOutput(2_000) });
  const gate = await startSlackGate(slack.url, { ...options.channelLimit });
  const tap = await startJasperTap(jasper.baseURL);
  // Compiled once for every bot of the run (and the SSE micro-benchmark beside it).
  const compiledEntry = !options.inProcess && options.runtime === 'compiled' ? compileBot(['bench/sse-micro.ts'], options.srcRev) : undefined;
  let channelSeq = 0;
  const namespaces: string[] = [];
  const bots = new Set<BotUnderTest>();

  const world: World = {
    slack,
    jasper,
    gate,
    tap,
    options,
    ...(compiledEntry ? { compiledEntry } : {}),
    userCount,
    newChannel(prefix, user) {
      channelSeq += 1;
      const id = `C_${prefix}_${channelSeq}`.toUpperCase();
      slack.addChannel(id, { name: id.toLowerCase(), isMember: true, members: [user] });
      return id;
    },
    upstream(latency, outputChars) {
      jasper.setLatency(latency);
      jasper.setOutputText(benchOutput(outputChars));
    },
    async startBot(o = {}) {
      const namespace = `bench-${randomUUID()}`;
      if (options.store === 'redis') namespaces.push(namespace);
      const config: BotChildConfig = {
        slackApiUrl: o.direct ? slack.apiUrl : gate.apiUrl,
        botToken: slack.botToken,
        signingSecret: SIGNING_SECRET,
        jasperBaseURL: o.direct ? jasper.baseURL : tap.baseURL,
        jasperApiKey: jasper.apiKey,
        store: options.store,
        redisUrl: options.redisUrl,
        namespace,
        catalogueRefreshSeconds: options.catalogueRefreshSeconds,
      };
      const handle = await startBot(config, { inProcess: options.inProcess, execArgv: options.childExecArgv, ...(compiledEntry ? { compiledEntry } : {}) });
      const driver = createSlackDriver({ botUrl: handle.eventsUrl, signingSecret: SIGNING_SECRET, slack });
      const bot: BotUnderTest = {
        handle,
        driver,
        async openForm(channel, user, timeoutMs = 10_000) {
          const before = slack.openModals(user).at(-1)?.view.id;
          const sentAt = performance.now();
          const answer = await driver.slashCommand({ text: 'run blog-post', userId: user, channelId: channel });
          if (answer.status !== 200) throw new Error(`bench: /jasper run answered HTTP ${answer.status}`);
          const fresh = () => {
            const view = slack.openModals(user).at(-1)?.view;
            return view && view.id !== before ? view : undefined;
          };
          const view = await waitUntil(`the modal for ${user}`, fresh, timeoutMs, 5);
          return { viewId: view.id, sentAt, triggerId: answer.triggerId, ackMs: answer.elapsedMs };
        },
        async submit(viewId, user, tag) {
          const view = slack.view(viewId);
          const block = (view?.view.blocks ?? []).find((b) => typeof b.block_id === 'string' && b.block_id.endsWith(`:${TOPIC_FIELD.id}`));
          if (!block || typeof block.block_id !== 'string') throw new Error('bench: the Blog Post modal has no Topic input');
          const sentAt = performance.now();
          const result = await driver.submitView({ viewId, userId: user, values: { [block.block_id]: tag } });
          if (!result.sent) throw new Error(`bench: the client refused the form: ${JSON.stringify(result.clientErrors)}`);
          if (result.outcome.kind !== 'closed') throw new Error(`bench: submitting the form gave ${JSON.stringify(result.outcome).slice(0, 300)}`);
          return { sentAt, ackMs: result.elapsedMs };
        },
        async stop(graceful = false) {
          bots.delete(bot);
          await handle.stop(graceful);
        },
      };
      bots.add(bot);
      return bot;
    },
    async close() {
      for (const bot of [...bots]) await bot.stop(false).catch(() => undefined);
      await Promise.all([gate.close(), tap.close()]);
      await Promise.all([slack.close(), jasper.close()]);
      if (namespaces.length > 0) {
        const { deleteNamespaces } = await import('./redis-cleanup.js');
        await deleteNamespaces(options.redisUrl, namespaces);
      }
    },
  };
  return world;
}

/** Plain prose of about `chars` characters in paragraphs, starting with OUTPUT_PREFIX. */
export function benchOutput(chars: number): string {
  const words = ['agents', 'write', 'the', 'campaign', 'brief', 'for', 'every', 'channel', 'while', 'marketing', 'teams', 'review', 'drafts', 'in', 'Slack', 'threads', 'and', 'ship', 'faster'];
  let text = `${OUTPUT_PREFIX}.`;
  let i = 0;
  let sinceBreak = 0;
  while (text.length < chars) {
    const word = words[(i * 7 + Math.floor(i / 19)) % words.length] as string;
    i += 1;
    if (sinceBreak > 380) {
      text += '.\n\n' + word[0]!.toUpperCase() + word.slice(1);
      sinceBreak = 0;
    } else {
      text += ` ${word}`;
      sinceBreak += word.length + 1;
    }
  }
  return `${text.slice(0, Math.max(chars, OUTPUT_PREFIX.length + 1)).trimEnd()}.`;
}

/** A run tag: lower-case letters and digits only, so it survives Markdown escaping in the root message. */
export const runTag = (scenario: string, i: number) => `benchrun${scenario.toLowerCase().replace(/[^a-z0-9]/g, '')}${i}x`;
