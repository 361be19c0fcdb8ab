/**
 * Builds the bot as src/main.ts does (production pacing, the SDK's Slack retry defaults, the Jasper adapter with its
 * defaults) and a probe of the process it runs in: event-loop lag (perf_hooks.monitorEventLoopDelay), event-loop
 * utilisation, CPU and memory. Used in the forked bot process (bot-child.ts) and, with --in-process, in the bench's own.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { LogLevel, type Logger } from '@slack/logger';
import { createBot, type Bot } from '../src/bot.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logging.js';
import { createJasperProvider } from '../src/providers/jasper/jasper-provider.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { createRedisStore } from '../src/store/redis-store.js';
import type { BotChildConfig, LoopStats } from './bot-protocol.js';
import { percentile } from './stats.js';

const MB = 1024 * 1024;

export interface BuiltBot {
  bot: Bot;
  port: number;
  probe: ProcessProbe;
}

export async function buildBot(c: BotChildConfig): Promise<BuiltBot> {
  const config = parseConfig({
    SLACK_BOT_TOKEN: c.botToken,
    SLACK_SIGNING_SECRET: c.signingSecret,
    SLACK_API_URL: c.slackApiUrl,
    JASPER_API_KEY: c.jasperApiKey,
    JASPER_API_URL: c.jasperBaseURL,
    PORT: '0',
    CATALOGUE_REFRESH_SECONDS: String(c.catalogueRefreshSeconds),
    LOG_LEVEL: 'warn',
    ...(c.store === 'redis' ? { REDIS_URL: c.redisUrl, REDIS_PREFIX: c.namespace } : {}),
  });
  const probe = new ProcessProbe();
  const logger = createLogger('warn', [c.botToken, c.signingSecret, c.jasperApiKey], probe.logger);
  const store = c.store === 'redis' ? await createRedisStore({ url: c.redisUrl, namespace: c.namespace }) : createMemoryStore(c.namespace);
  const jasper = createJasperProvider({ apiKey: c.jasperApiKey, baseURL: c.jasperBaseURL, logger });
  const bot = createBot({ config, logger, store, providers: [jasper], ...(c.paceMs !== undefined ? { paceMs: c.paceMs } : {}) });
  const { port } = await bot.start();
  return { bot, port, probe };
}

/** Lag, utilisation, CPU and memory of the current process since the last reset; also counts the bot's warnings. */
export class ProcessProbe {
  private readonly lag = monitorEventLoopDelay({ resolution: 10 });
  private eluBase = performance.eventLoopUtilization();
  private cpuBase = process.cpuUsage();
  private since = performance.now();
  private warnings = 0;
  private readonly sample: string[] = [];
  private readonly requestStarts = new WeakMap<ServerResponse, number>();
  /** Server-side time of each POST /slack/events: headers parsed -> response finished (ms). */
  private serverMs: number[] = [];
  readonly logger: Logger;

  constructor() {
    this.lag.enable();
    // Node's HTTP diagnostics channels: no hook in the bot needed.
    subscribe('http.server.request.start', (message) => {
      const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
      if (request.method === 'POST' && request.url?.startsWith('/slack/events')) this.requestStarts.set(response, performance.now());
    });
    subscribe('http.server.response.finish', (message) => {
      const { response } = message as { response: ServerResponse };
      const started = this.requestStarts.get(response);
      if (started !== undefined && this.serverMs.length < 100_000) this.serverMs.push(performance.now() - started);
    });
    const record = (...msg: unknown[]) => {
      this.warnings += 1;
      if (this.sample.length < 5) this.sample.push(msg.map(String).join(' ').slice(0, 300));
    };
    this.logger = { debug: () => {}, info: () => {}, warn: record, error: record, setLevel: () => {}, getLevel: () => LogLevel.WARN, setName: () => {} };
  }

  reset(): void {
    this.lag.reset();
    this.eluBase = performance.eventLoopUtilization();
    this.cpuBase = process.cpuUsage();
    this.since = performance.now();
    this.warnings = 0;
    this.sample.length = 0;
    this.serverMs = [];
  }

  stats(): LoopStats {
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage(this.cpuBase);
    const has = this.lag.count > 0;
    return {
      lagP50Ms: has ? this.lag.percentile(50) / 1e6 : 0,
      lagP99Ms: has ? this.lag.percentile(99) / 1e6 : 0,
      lagMaxMs: has ? this.lag.max / 1e6 : 0,
      lagMeanMs: has ? this.lag.mean / 1e6 : 0,
      elu: performance.eventLoopUtilization(this.eluBase).utilization,
      windowMs: performance.now() - this.since,
      rssMb: mem.rss / MB,
      heapUsedMb: mem.heapUsed / MB,
      heapTotalMb: mem.heapTotal / MB,
      externalMb: mem.external / MB,
      arrayBuffersMb: mem.arrayBuffers / MB,
      warnings: this.warnings,
      sampleWarnings: [...this.sample],
      cpuMs: (cpu.user + cpu.system) / 1000,
      slackRequests: this.serverMs.length,
      serverMsP50: percentile(this.serverMs, 50),
      serverMsP99: percentile(this.serverMs, 99),
    };
  }

  disable(): void {
    this.lag.disable();
  }

  private session?: Session;

  /** Starts a V8 CPU profile of this process (a window of a scenario, not the whole run). */
  async startProfile(): Promise<void> {
    this.session ??= new Session();
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.setSamplingInterval', { interval: 500 });
    await this.session.post('Profiler.start');
  }

  /** Stops the profile started by startProfile and writes it as a .cpuprofile file. */
  async stopProfile(file: string): Promise<void> {
    if (!this.session) return;
    const { profile } = await this.session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    this.session.disconnect();
    this.session = undefined;
  }
}
