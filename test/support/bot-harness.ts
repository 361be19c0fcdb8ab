import type { Logger } from '@slack/logger';
import { LogLevel } from '@slack/logger';
import { createBot, type Bot } from '../../src/bot.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging.js';
import { createJasperProvider } from '../../src/providers/jasper/jasper-provider.js';
import type { Provider } from '../../src/providers/types.js';
import { startFakeJasper, type FakeJasper, type FakeJasperOptions } from '../fakes/fake-jasper.js';
import { startFakeLowCodeApi, type FakeLowCodeApi } from '../fakes/fake-lowcodeapi.js';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../fakes/fake-slack.js';
import type { KeyValueStore } from '../../src/store/key-value-store.js';
import { createRedisStore } from '../../src/store/redis-store.js';
import { testBotEnv, REDIS_URL, TEST_ENGINE, testRedisStore } from './redis.js';
import { leaksIn } from './secret-scan.js';
import { harnessClosed, openHarnesses } from './open-harnesses.js';
import { createSlackDriver, type SlackDriver } from './slack-driver.js';

export const SIGNING_SECRET = 'test-signing-secret-5f2c';

export interface Harness {
  slack: FakeSlack;
  jasper: FakeJasper;
  /** The LowCodeAPI proxy in front of `jasper`, when the harness was started with `lowcodeapi: true`. */
  proxy?: FakeLowCodeApi;
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
  /** More settings, as the environment would give them (e.g. `RUN_ADMINS`, `CANCEL_BY_ANYONE`, `KNOWLEDGE_ADMINS`). */
  env?: Record<string, string>;
  /** The bot reaches Jasper through a fake LowCodeAPI proxy (`JASPER_TRANSPORT=lowcodeapi`). */
  lowcodeapi?: boolean;
  /** The key the bot is given instead of the one Jasper accepts (a revoked or mistyped key). */
  botJasperKey?: string;
  /** Providers on beside Jasper, after it in the catalogue (e.g. Jarvis against its fake; its settings go in `env`). */
  moreProviders?: Provider[];
  /** Called before the bot starts (and warms its caches): faults that must be in place from the first request. */
  beforeStart?: (fakes: { slack: FakeSlack; jasper: FakeJasper }) => void;
}

/** The real bot (HTTP mode, real Redis) between a fake Slack and a fake Jasper, all on loopback. */
export async function startHarness(options: HarnessOptions = {}): Promise<RestartableHarness> {
  const slack = await startFakeSlack(options.slack);
  const jasper = await startFakeJasper(options.jasper);
  const proxy = options.lowcodeapi ? await startFakeLowCodeApi({ jasper }) : undefined;
  const redis = await testRedisStore(options.redisUrl);
  const logs: string[] = [];
  const secrets = [slack.botToken, SIGNING_SECRET, jasper.apiKey, ...(proxy ? [proxy.token] : []), ...(options.botJasperKey ? [options.botJasperKey] : [])];
  const upstream = { ...jasperUpstream(jasper, proxy), ...(options.botJasperKey ? { apiKey: options.botJasperKey } : {}) };
  options.beforeStart?.({ slack, jasper });
  const first = await startBot(slack, upstream, redis.store, redis.namespace, logs, secrets, options);
  const shown = { logs, slack };
  openHarnesses.add(shown);
  const harness: RestartableHarness = {
    slack,
    jasper,
    ...(proxy ? { proxy } : {}),
    ...first,
    logs,
    secrets,
    async restart() {
      await harness.bot.stop();
      const store = await createRedisStore({ url: options.redisUrl ?? REDIS_URL, namespace: redis.namespace });
      Object.assign(harness, await startBot(slack, upstream, store, redis.namespace, logs, secrets, options));
    },
    async close() {
      harnessClosed(shown);
      await harness.bot.stop();
      // Every end-to-end test is also a log scan: no secret in any log line or anything sent to Slack.
      const leaks = leaksIn(harness);
      await redis.dispose();
      await proxy?.close();
      await Promise.all([slack.close(), jasper.close()]);
      if (leaks.length > 0) throw new Error(`Secrets leaked:\n${leaks.join('\n')}`);
    },
  };
  return harness;
}

/** Where the bot sends Jasper calls, and with which key: Jasper itself, or the proxy in front of it. */
interface JasperUpstream {
  apiKey: string;
  baseURL: string;
  transport: 'direct' | 'lowcodeapi';
}

function jasperUpstream(jasper: FakeJasper, proxy: FakeLowCodeApi | undefined): JasperUpstream {
  return proxy ? { apiKey: proxy.token, baseURL: proxy.baseURL, transport: 'lowcodeapi' } : { apiKey: jasper.apiKey, baseURL: jasper.baseURL, transport: 'direct' };
}

async function startBot(slack: FakeSlack, jasper: JasperUpstream, store: KeyValueStore, namespace: string, logs: string[], secrets: string[], options: HarnessOptions) {
  const config = parseConfig({
    ...testBotEnv(namespace, options.redisUrl),
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    JASPER_API_KEY: jasper.apiKey,
    JASPER_API_URL: jasper.baseURL,
    JASPER_TRANSPORT: jasper.transport,
    PORT: '0',
    ...options.env,
  });
  const logger = createLogger('debug', secrets, recordingLogger(logs));
  const provider = createJasperProvider({
    apiKey: jasper.apiKey,
    baseURL: jasper.baseURL,
    transport: jasper.transport,
    timeoutMs: 5_000,
    streamIdleTimeoutMs: 5_000,
    retry: { initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
    logger: { warn: (message) => logger.warn(message) },
    otherSecrets: secrets,
  });
  const bot = createBot({
    config,
    logger,
    store,
    providers: [provider, ...(options.moreProviders ?? [])],
    paceMs: options.paceMs ?? 50,
    engine: TEST_ENGINE,
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
