/**
 * The bot between a fake Slack and a fake Jasper, as in test/support/bot-harness.ts, with the handles a fault test
 * needs on top:
 * - the Jasper provider's own options (time-outs, retries) can be set, as production would;
 * - `upstream`: a sequence of faults per Jasper route (429, then 500, then 502, ...), injected through the fake's own
 *   `failNext` one request at a time, and byte-level corruption of run streams (invalid UTF-8 cannot be written by
 *   the fake, whose `{raw}` steps are strings);
 * - `slackFaults`: a proxy between the bot and the fake Slack Web API that answers chosen calls with a 429 or an
 *   error (only calls that match a predicate, e.g. the last edit of a progress message), forwarding the rest;
 * - every harness registers its secrets; `close()` fails when a secret appears in a log line or in anything the bot
 *   sent to Slack (see ./secrets.ts).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@slack/logger';
import { LogLevel } from '@slack/logger';
import { createBot } from '../../../src/bot.js';
import { parseConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logging.js';
import { createJasperProvider } from '../../../src/providers/jasper/jasper-provider.js';
import { startFakeJasper, type Fault, type FakeJasper, type FakeJasperOptions, type FakeJasperRoute } from '../../fakes/fake-jasper.js';
import { startFakeSlack, type FakeSlackOptions } from '../../fakes/fake-slack.js';
import { SIGNING_SECRET, type Harness } from '../../support/bot-harness.js';
import { testBotEnv, TEST_ENGINE, testRedisStore } from '../../support/redis.js';
import { createSlackDriver } from '../../support/slack-driver.js';
import type { KeyValueStore } from '../../../src/store/key-value-store.js';
import { leaksIn } from '../../support/secret-scan.js';

export interface ProviderKnobs {
  /** Per attempt, until a run's stream opens (the bot-harness uses 5 s). */
  timeoutMs?: number;
  /** A run stream silent this long fails with `timeout`. */
  streamIdleTimeoutMs?: number;
  /** Retries after the first attempt; default: the client's own default (2), as in production. */
  maxRetries?: number;
}

export interface FaultHarnessOptions {
  slack?: FakeSlackOptions;
  jasper?: FakeJasperOptions;
  paceMs?: number;
  provider?: ProviderKnobs;
  /** Wraps the bot's store (e.g. to slow its writes down). */
  store?: (inner: KeyValueStore) => KeyValueStore;
  /** Runs after the fakes are up and before the bot starts (and warms its task list). */
  beforeStart?: (parts: { jasper: FakeJasper; upstream: UpstreamFaults }) => void;
}

export interface FaultHarness extends Harness {
  upstream: UpstreamFaults;
  slackFaults: SlackFaults;
}

/** The real bot; its Slack Web API calls go through the fault proxy, its Jasper calls through the fault fetch. */
export async function startFaultHarness(options: FaultHarnessOptions = {}): Promise<FaultHarness> {
  const slack = await startFakeSlack(options.slack);
  const jasper = await startFakeJasper(options.jasper);
  const upstream = createUpstreamFaults(jasper);
  const slackFaults = await startSlackFaultProxy(slack.url);
  options.beforeStart?.({ jasper, upstream });
  const redis = await testRedisStore();
  const config = parseConfig({
    ...testBotEnv(redis.namespace),
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackFaults.apiUrl,
    JASPER_API_KEY: jasper.apiKey,
    JASPER_API_URL: jasper.baseURL,
    PORT: '0',
  });
  const logs: string[] = [];
  const secrets = [slack.botToken, SIGNING_SECRET, jasper.apiKey];
  const logger = createLogger('debug', secrets, recordingLogger(logs));
  const knobs = options.provider ?? {};
  const provider = createJasperProvider({
    apiKey: jasper.apiKey,
    baseURL: jasper.baseURL,
    fetch: upstream.fetch,
    timeoutMs: knobs.timeoutMs ?? 5_000,
    streamIdleTimeoutMs: knobs.streamIdleTimeoutMs ?? 5_000,
    ...(knobs.maxRetries !== undefined ? { maxRetries: knobs.maxRetries } : {}),
    retry: { initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
    logger: { warn: (message) => logger.warn(message) },
    otherSecrets: secrets,
  });
  const bot = createBot({
    config,
    logger,
    store: options.store ? options.store(redis.store) : redis.store,
    providers: [provider],
    paceMs: options.paceMs ?? 50,
    engine: TEST_ENGINE,
    slackRetryConfig: { retries: 3, factor: 1, minTimeout: 10, maxTimeout: 50 },
  });
  const { port } = await bot.start();
  const driver = createSlackDriver({ botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, slack });
  const harness: FaultHarness = {
    slack,
    jasper,
    bot,
    driver,
    port,
    logs,
    secrets,
    upstream,
    slackFaults,
    async close() {
      // Read before anything is torn down: a leak anywhere in this harness's life fails the file's afterAll.
      const leaks = leaksIn(harness);
      await bot.stop();
      await redis.dispose();
      await Promise.all([slack.close(), jasper.close(), slackFaults.close()]);
      if (leaks.length > 0) throw new Error(`A secret leaked:\n${leaks.join('\n')}`);
    },
  };
  return harness;
}

function recordingLogger(lines: string[]): Logger {
  const record = (...msg: unknown[]) => void lines.push(msg.map(String).join(' '));
  return { debug: record, info: record, warn: record, error: record, setLevel: () => {}, getLevel: () => LogLevel.DEBUG, setName: () => {} };
}

/** A store whose writes of records that match take `ms` longer (reads, hashes, claims and pings are untouched). */
export function slowWrites(inner: KeyValueStore, ms: number, match: (key: string) => boolean): KeyValueStore {
  const pause = (key: string) => (match(key) ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
  return {
    kind: inner.kind,
    broadcast: inner.broadcast,
    get: (key) => inner.get(key),
    async set(key, value, ttlMs) {
      await pause(key);
      return inner.set(key, value, ttlMs);
    },
    async update(key, change, ttlMs) {
      await pause(key);
      return inner.update(key, change, ttlMs);
    },
    delete: (key) => inner.delete(key),
    hashIncrement: (key, field, by, ttlMs) => inner.hashIncrement(key, field, by, ttlMs),
    hashSet: (key, field, value, ttlMs) => inner.hashSet(key, field, value, ttlMs),
    hashDelete: (key, field) => inner.hashDelete(key, field),
    hashGetAll: (key) => inner.hashGetAll(key),
    setIfAbsent: (key, value, ttlMs) => inner.setIfAbsent(key, value, ttlMs),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
}

// ---------- Upstream (Jasper) faults ----------

export interface UpstreamExchange {
  route: FakeJasperRoute | undefined;
  /** When the bot sent the request (epoch ms). */
  at: number;
  /** The answer's status, or 0 when no answer came (time-out, reset). */
  status: number;
}

export interface UpstreamFaults {
  /** Given to the provider as its `fetch`. */
  fetch: typeof globalThis.fetch;
  /** Every request the bot sent to Jasper, with its timing and status. */
  readonly exchanges: readonly UpstreamExchange[];
  exchangesTo(route: FakeJasperRoute): UpstreamExchange[];
  /** The next requests to `route` meet these faults, one each, in order (then the route works again). */
  sequence(route: FakeJasperRoute, faults: Fault[]): void;
  /**
   * In every run stream's bytes, each occurrence of `marker` (ASCII) is replaced by `bytes` (e.g. invalid UTF-8).
   * Undo with `corruptStreams(undefined)`.
   */
  corruptStreams(rule: { marker: string; bytes: number[] } | undefined): void;
}

function routeOf(method: string, pathname: string): FakeJasperRoute | undefined {
  const parts = pathname.split('/').filter(Boolean);
  const at = parts.indexOf('v1');
  const [resource, id, action, sub] = parts.slice(at + 1);
  if (resource === 'tasks') {
    if (method === 'GET' && id === undefined) return 'GET /tasks';
    if (method === 'GET' && action === undefined) return 'GET /tasks/:id';
    if (method === 'POST' && action === 'run' && sub === undefined) return 'POST /tasks/:id/run';
    if (method === 'POST' && action === 'run' && sub === 'stream') return 'POST /tasks/:id/run/stream';
  }
  if (resource === 'knowledge' && method === 'GET') return 'GET /knowledge';
  if (resource === 'command' && method === 'POST') return 'POST /command';
  return undefined;
}

function createUpstreamFaults(jasper: FakeJasper): UpstreamFaults {
  const queues = new Map<FakeJasperRoute, Fault[]>();
  const exchanges: UpstreamExchange[] = [];
  let corruption: { marker: Buffer; bytes: Buffer } | undefined;

  const fetchWithFaults: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const route = routeOf(init?.method ?? 'GET', url.pathname);
    const next = route ? queues.get(route)?.shift() : undefined;
    if (route && next) jasper.failNext(route, { ...next, times: 1 });
    const exchange: UpstreamExchange = { route, at: Date.now(), status: 0 };
    exchanges.push(exchange);
    const response = await globalThis.fetch(input, init);
    exchange.status = response.status;
    if (route !== 'POST /tasks/:id/run/stream' || !corruption || !response.body || !response.ok) return response;
    return new Response(response.body.pipeThrough(replaceBytes(corruption.marker, corruption.bytes)), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  return {
    fetch: fetchWithFaults,
    exchanges,
    exchangesTo: (route) => exchanges.filter((e) => e.route === route),
    sequence: (route, faults) => void queues.set(route, [...faults]),
    corruptStreams: (rule) => void (corruption = rule ? { marker: Buffer.from(rule.marker, 'latin1'), bytes: Buffer.from(rule.bytes) } : undefined),
  };
}

/** Replaces `marker` by `bytes` in a byte stream (markers are whole within one chunk: the fake writes a frame at once). */
function replaceBytes(marker: Buffer, bytes: Buffer): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      const parts: Buffer[] = [];
      let rest = Buffer.from(chunk);
      for (let at = rest.indexOf(marker); at !== -1; at = rest.indexOf(marker)) {
        parts.push(rest.subarray(0, at), bytes);
        rest = rest.subarray(at + marker.length);
      }
      parts.push(rest);
      controller.enqueue(new Uint8Array(Buffer.concat(parts)));
    },
  });
}

// ---------- Slack Web API faults (a proxy in front of the fake) ----------

export interface SlackFaultRule {
  method: string;
  /** Which calls of the method (default: all). Args are the decoded form or JSON fields (blocks, chunks parsed). */
  when?: (args: Record<string, unknown>) => boolean;
  /** 429 with this Retry-After, or `{ ok: false, error }` with HTTP 200. */
  answer: { status: 429; retryAfterSec: number } | { error: string };
  /** How many matching calls get the answer (default: unlimited, until removed or `untilMs`). */
  times?: number;
  /** Epoch ms after which the rule no longer applies. */
  untilMs?: number;
}

export interface ProxiedFault {
  method: string;
  args: Record<string, unknown>;
  at: number;
  answer: SlackFaultRule['answer'];
}

export interface SlackFaults {
  /** http://127.0.0.1:PORT/api/ */
  apiUrl: string;
  /** Installs a rule; the handle says how many calls it answered, and removes it. */
  add(rule: SlackFaultRule): { readonly used: number; remove(): void };
  clear(): void;
  /** The calls the proxy answered itself (they never reached the fake, so the fake's call log lacks them). */
  readonly answered: readonly ProxiedFault[];
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'chunks', 'metadata']);

function decodeArgs(contentType: string, raw: Buffer): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  if (contentType.includes('application/json')) {
    try {
      return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return args;
    }
  }
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) {
    if (key === 'token') continue;
    if (!JSON_FIELDS.has(key)) {
      args[key] = value;
      continue;
    }
    try {
      args[key] = JSON.parse(value) as unknown;
    } catch {
      args[key] = value;
    }
  }
  return args;
}

async function startSlackFaultProxy(targetBaseUrl: string): Promise<SlackFaults> {
  const rules = new Set<SlackFaultRule & { used: number }>();
  const answered: ProxiedFault[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const args = decodeArgs(String(req.headers['content-type'] ?? ''), raw);
    for (const rule of rules) {
      if (rule.method !== method) continue;
      if (rule.untilMs !== undefined && Date.now() > rule.untilMs) continue;
      if (rule.times !== undefined && rule.used >= rule.times) continue;
      if (rule.when && !rule.when(args)) continue;
      rule.used += 1;
      answered.push({ method, args, at: Date.now(), answer: rule.answer });
      if ('status' in rule.answer) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(rule.answer.retryAfterSec) });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: rule.answer.error }));
      }
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)) headers[name] = value;
    }
    const forwarded = await fetch(new URL((req.url ?? '/').replace(/^\//, ''), targetBaseUrl), {
      method: req.method ?? 'POST',
      headers,
      ...(req.method === 'GET' ? {} : { body: raw }),
    });
    const body = Buffer.from(await forwarded.arrayBuffer());
    const out: Record<string, string> = {};
    forwarded.headers.forEach((value, name) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(name)) out[name] = value;
    });
    res.writeHead(forwarded.status, out);
    res.end(body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`fault proxy: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    add(rule) {
      const entry = { ...rule, used: 0 };
      rules.add(entry);
      return {
        get used() {
          return entry.used;
        },
        remove: () => void rules.delete(entry),
      };
    },
    clear: () => rules.clear(),
    answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
