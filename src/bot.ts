import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { RetryOptions } from '@slack/web-api';
import { BrandCatalogue } from './catalogue/brand-catalogue.js';
import { CombinedCatalogue } from './catalogue/combined-catalogue.js';
import { TaskCatalogue } from './catalogue/task-catalogue.js';
import type { Config } from './config.js';
import { healthRoute } from './http/health-route.js';
import type { JobCallbackInbox } from './http/job-webhooks.js';
import { jobsWebhookRoute } from './http/jobs-webhook-route.js';
import { Metrics } from './http/metrics.js';
import { metricsRoute } from './http/metrics-route.js';
import { readyRoute } from './http/ready-route.js';
import { serveRoutes } from './http/serve-routes.js';
import { guardProcess } from './process-guards.js';
import type { Provider } from './providers/types.js';
import { BullmqEngine } from './runs/engine/bullmq-engine.js';
import { LocalEngine } from './runs/engine/local-engine.js';
import type { RunEngine } from './runs/engine/run-engine.js';
import { recoverTurns } from './runs/recover-turns.js';
import { RunLifecycle } from './runs/run-lifecycle.js';
import { TurnRunner } from './runs/turn-runner.js';
import { PacedWebClient } from './slack/thread/pacing/paced-web-client.js';
import { createSlackRateGate } from './slack/thread/pacing/slack-rate-gate.js';
import { SlackRunPresenter } from './slack/thread/slack-run-presenter.js';
import { ThreadRuns } from './slack/thread/thread-runs.js';
import type { SlackServices } from './slack/services/slack-services.js';
import { Claims } from './slack/services/claims.js';
import { PendingRequests } from './slack/message-tools/pending-request.js';
import { registerListeners } from './slack/listeners/index.js';
import type { KeyValueStore } from './store/key-value-store.js';
import { ConversationRepository } from './store/conversation-repository.js';
import { SessionRepository } from './store/session-repository.js';
import { ActiveRuns } from './store/active-runs.js';
import { TaskUsage } from './store/task-usage.js';
import { PrefsRepository } from './store/user-prefs.js';
import { FillFlow } from './slack/fill/fill-flow.js';
import { createSlackReceiver } from './slack/receiver.js';

export interface BotOptions {
  config: Config;
  logger: Logger;
  store: KeyValueStore;
  /** The providers on, in the order lists and capabilities take them (`firstWith`). */
  providers: readonly [Provider, ...Provider[]];
  /** Minimum time between two progress writes for one run. */
  paceMs?: number;
  /** Slack Web API retry policy (the SDK's); tests shorten it. */
  slackRetryConfig?: RetryOptions;
  /** Where runs are worked on: BullMQ on `REDIS_URL` (the default when it is set), or in this process. */
  engine?: 'bullmq' | 'local';
  /** How often a worker looks for turns that no job holds any more (a replica died between two writes). */
  recoverEveryMs?: number;
  /** Set when jobs have webhook observers (`PUBLIC_URL`): serves `POST /webhooks/jobs/:token`. */
  jobWebhooks?: JobCallbackInbox;
}

export interface Bot {
  app: App;
  /** What the Slack listeners are given (tests read runs, sessions and prefs through it). */
  services: SlackServices;
  engine: RunEngine;
  /** Starts serving; resolves with the HTTP port (for `/slack/events` in HTTP mode, `/healthz` in both modes). */
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

/** Wires store, providers, runs and the Slack listeners into one Bolt app. */
export function createBot(options: BotOptions): Bot {
  const { config, logger, store } = options;
  const socketMode = Boolean(config.slack.appToken);
  const metrics = new Metrics();
  let draining = false;
  let recovering: NodeJS.Timeout | undefined;
  let healthServer: Awaited<ReturnType<typeof serveRoutes>> | undefined;
  const clientOptions = {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    ...(options.slackRetryConfig ? { retryConfig: options.slackRetryConfig } : {}),
  };
  const routes = [healthRoute(store, { worker: () => engine.worker() }), readyRoute(store, { draining: () => draining }), metricsRoute(metrics)];
  if (options.jobWebhooks) routes.push(jobsWebhookRoute(options.jobWebhooks, { onError: (error) => logger.warn(error.message) }));
  const app = new App({
    token: config.slack.botToken,
    signingSecret: config.slack.signingSecret,
    appToken: config.slack.appToken,
    socketMode,
    ...(socketMode ? {} : { receiver: createSlackReceiver({ signingSecret: config.slack.signingSecret ?? '', customRoutes: routes, logger }) }),
    logger,
    // Bolt's default conversation store is unused here and costs an allocation per event.
    convoStore: false,
    customRoutes: routes,
    installerOptions: socketMode ? { port: config.port } : undefined,
    clientOptions,
  });
  // Runs and conversations write through one paced client (Slack's per-method and per-channel rates); Bolt's own
  // client answers interactions (views.open cannot wait: the trigger expires in 3 s).
  const slackGate = createSlackRateGate({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    onRedisError: (error) => logger.warn(`Slack rate gate: ${error.message}`),
  });
  const writer = new PacedWebClient(config.slack.botToken, {
    ...clientOptions,
    logger,
    gate: slackGate,
    rateScale: config.slack.rateScale,
    onCall: (method, status) => {
      metrics.slackCall(method, status);
      if (status === 'rate_limited') metrics.slackRateLimited(method);
    },
  });

  const catalogues = new Map(
    options.providers.map((provider) => [
      provider.id,
      new TaskCatalogue(provider, {
        refreshMs: config.catalogueRefreshMs,
        onRefreshError: (error) => logger.warn(`Could not refresh the ${provider.displayName} task list: ${String(error)}`),
      }),
    ]),
  );
  const sessions = new SessionRepository(store, {
    ttlMs: config.sessionTtlMs,
    onInvalidRecord: (key, problem) => logger.warn(`Ignored an invalid session record ${key}: ${problem}`),
  });
  const usage = new TaskUsage(store);
  const prefs = new PrefsRepository(store);
  // Only providers with something to cache: a Brand section, knowledge pickers or usage are offered where there is one.
  const brands = new Map(
    options.providers.filter((provider) => provider.brand ?? provider.knowledge ?? provider.usage).map((provider) => [
      provider.id,
      new BrandCatalogue(provider, {
        refreshMs: 60_000,
        coldWaitMs: 800,
        onRefreshError: (error) => logger.warn(`Could not refresh ${provider.displayName} brand lists: ${String(error)}`),
        broadcast: store.broadcast,
      }),
    ]),
  );
  const activeRuns = new ActiveRuns(store);
  const engine = createEngine(options);
  const presenter = new SlackRunPresenter({
    client: writer,
    logger,
    paceMs: options.paceMs ?? 1_000,
    concurrentRuns: () => Math.max(1, engine.activeCount()),
    settingsOf: (providerId) => catalogues.get(providerId)?.provider.settings,
    command: config.slashCommand,
  });
  const runner = new TurnRunner({
    sessions,
    activeRuns,
    catalogues,
    engine,
    presenter,
    logger,
    observer: {
      turnStarted: (waitedMs) => metrics.runStarted(waitedMs / 1000),
      turnEnded: (provider, outcome, durationMs) => metrics.runFinished(provider, outcome, durationMs / 1000),
    },
  });
  metrics.setActiveRuns(() => engine.activeCount());
  metrics.setQueueDepth(() => engine.waitingCount());
  const lifecycle = new RunLifecycle({ sessions, activeRuns, engine, usage, recent: prefs });
  const claims = new Claims(store);
  const runs = new ThreadRuns({ lifecycle, client: writer, catalogues, claims });
  const works = config.role !== 'web';
  const catalogue = new CombinedCatalogue(catalogues);
  const conversations = new ConversationRepository(store, {
    ttlMs: config.conversationTtlMs,
    onInvalidRecord: (key, problem) => logger.warn(`Ignored an invalid conversation record ${key}: ${problem}`),
  });
  const fill = new FillFlow({ client: writer, conversations, catalogue, runs, command: config.slashCommand, logger, extractInputs: config.extractInputs, prefs });
  const services: SlackServices = {
    command: config.slashCommand,
    catalogue,
    catalogues,
    runs,
    sessions,
    claims,
    pendingRequests: new PendingRequests(store),
    fill,
    usage,
    brands,
    prefs,
    channelDefaultsAdmins: config.channelDefaultsAdmins,
    access: config.access,
    toneAdmins: config.access.toneAdmins,
  };
  registerListeners(app, services);
  app.error(async (error) => logger.error(`Unhandled error in a listener: ${error.message}`));

  function createEngine(o: BotOptions): RunEngine {
    const kind = o.engine ?? (config.redisUrl ? 'bullmq' : 'local');
    if (kind === 'local') return new LocalEngine({ concurrency: config.runs.concurrency, logger });
    const redisUrl = config.redisUrl;
    if (!redisUrl) throw new Error('The BullMQ run engine needs REDIS_URL');
    return new BullmqEngine({ redisUrl, prefix: config.redisPrefix, concurrency: config.runs.concurrency, lockMs: config.runs.lockMs, logger });
  }

  return {
    app,
    services,
    engine,
    async start() {
      guardProcess(logger);
      for (const catalogue of catalogues.values()) catalogue.warm();
      for (const brand of brands.values()) brand.warm();
      let port = config.port;
      if (config.role === 'worker') {
        // Takes no Slack requests (nor, in Socket Mode, a connection): health, readiness and metrics only.
        healthServer = await serveRoutes(routes, config.port, '0.0.0.0');
        port = healthServer.port;
      } else {
        const server = (await app.start(config.port)) as Server | undefined;
        port = (server?.address?.() as AddressInfo | null | undefined)?.port ?? config.port;
      }
      if (works) {
        await engine.work((job, control) => runner.run(job, control));
        // Turns a dead process left without a job are queued again (then resumed, or marked interrupted).
        const recover = () =>
          recoverTurns({ sessions, activeRuns, engine, logger })
            .then((count) => count > 0 && logger.info(`Picked up ${count} run(s) left by a stopped process`))
            .catch((error: unknown) => logger.warn(`Could not check for lost runs: ${String(error)}`));
        void recover();
        recovering = setInterval(() => void recover(), options.recoverEveryMs ?? 60_000);
        recovering.unref();
      }
      return { port };
    },
    async stop() {
      draining = true;
      clearInterval(recovering);
      await engine.drain(config.runs.drainMs);
      if (healthServer) await healthServer.close();
      else await app.stop();
      await engine.close();
      await slackGate.close();
      await store.close();
    },
  };
}
