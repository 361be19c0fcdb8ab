import type { Logger } from '@slack/logger';
import { LogLevel } from '@slack/logger';
import { createBot, type Bot } from '../../src/bot.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging.js';
import { createJasperProvider } from '../../src/providers/jasper/jasper-provider.js';
import { startFakeJasper, type FakeJasper, type FakeJasperOptions } from '../fakes/fake-jasper.js';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../fakes/fake-slack.js';
import type { KeyValueStore } from '../../src/store/key-value-store.js';
import { createRedisStore } from '../../src/store/redis-store.js';
import { REDIS_URL, testRedisStore } from './redis.js';
import { leaksIn } from './secret-scan.js';
import { createSlackDriver, type SlackDriver } from './slack-driver.js';

export const SIGNING_SECRET = 'test-signing-secret-5f2c';

export interface Harness {
  slack: FakeSlack;
  jasper: FakeJasper;
  bot: Bot;
  driver: SlackDriver;
  /** The bot's HTTP port (`/slack/events`, `/healthz`). */
  port: number;
  /** Every line the bot logged (already scrubbed of secrets). */
  logs: string[];
  /** Secrets the bot was given: no log line or Slack message may contain them. */
  secrets: string[];
  close(): Promise<void>;
}

export interface RestartableHarness extends Harness {
  /** Stops the bot process (as a crash or deploy would) and starts a new one on the same store and fakes. */
  restart(): Promise<void>;
}

export interface HarnessOptions {
  slack?: FakeSlackOptions;
  jasper?: FakeJasperOptions;
  paceMs?: number;
  /** Another Redis than the machine's (e.g. one a test stops and starts). */
  redisUrl?: string;
}

/** The real bot (HTTP mode, real Redis) between a fake Slack and a fake Jasper, all on loopback. */
export async function startHarness(options: HarnessOptions = {}): Promise<RestartableHarness> {
  const slack = await startFakeSlack(options.slack);
  const jasper = await startFakeJasper(options.jasper);
  const redis = await testRedisStore(options.redisUrl);
  const logs: string[] = [];
  const secrets = [slack.botToken, SIGNING_SECRET, jasper.apiKey];
  const first = await startBot(slack, jasper, redis.store, logs, secrets, options);
  const harness: RestartableHarness = {
    slack,
    jasper,
    ...first,
    logs,
    secrets,
    async restart() {
      await harness.bot.stop();
      const store = await createRedisStore({ url: options.redisUrl ?? REDIS_URL, namespace: redis.namespace });
      Object.assign(harness, await startBot(slack, jasper, store, logs, secrets, options));
    },
    async close() {
      await harness.bot.stop();
      // Every end-to-end test is also a log scan: no secret in any log line or anything sent to Slack.
      const leaks = leaksIn(harness);
      await redis.dispose();
      await Promise.all([slack.close(), jasper.close()]);
      if (leaks.length > 0) throw new Error(`Secrets leaked:\n${leaks.join('\n')}`);
    },
  };
  return harness;
}

async function startBot(slack: FakeSlack, jasper: FakeJasper, store: KeyValueStore, logs: string[], secrets: string[], options: HarnessOptions) {
  const config = parseConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    JASPER_API_KEY: jasper.apiKey,
    JASPER_API_URL: jasper.baseURL,
    PORT: '0',
  });
  const logger = createLogger('debug', secrets, recordingLogger(logs));
  const provider = createJasperProvider({
    apiKey: jasper.apiKey,
    baseURL: jasper.baseURL,
    timeoutMs: 5_000,
    streamIdleTimeoutMs: 5_000,
    retry: { initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
    logger: { warn: (message) => logger.warn(message) },
  });
  const bot = createBot({
    config,
    logger,
    store,
    providers: [provider],
    paceMs: options.paceMs ?? 50,
    slackRetryConfig: { retries: 3, factor: 1, minTimeout: 10, maxTimeout: 50 },
  });
  const { port } = await bot.start();
  const driver = createSlackDriver({ botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, slack });
  return { bot, driver, port };
}

function recordingLogger(lines: string[]): Logger {
  const record = (...msg: unknown[]) => void lines.push(msg.map(String).join(' '));
  return { debug: record, info: record, warn: record, error: record, setLevel: () => {}, getLevel: () => LogLevel.DEBUG, setName: () => {} };
}

/** Polls until `check` returns a value other than undefined/false, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The Markdown output a thread shows, in order: streamed text, then output posted as messages. */
export function outputIn(messages: ReadonlyArray<{ stream?: { markdown: string }; markdown_text?: string }>): string {
  return messages.map((m) => (m.stream ? m.stream.markdown : (m.markdown_text ?? ''))).join('');
}
