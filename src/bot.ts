import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { RetryOptions } from '@slack/web-api';
import { BrandCatalogue } from './catalogue/brand-catalogue.js';
import { TaskCatalogue } from './catalogue/task-catalogue.js';
import type { Config } from './config.js';
import { healthRoute } from './http/health-route.js';
import { guardProcess } from './process-guards.js';
import type { Provider } from './providers/types.js';
import { PacedWebClient } from './runs/pacing/paced-web-client.js';
import { RunService } from './runs/run-service.js';
import type { BotDeps } from './slack/bot-deps.js';
import { registerListeners } from './slack/listeners/index.js';
import type { KeyValueStore } from './store/key-value-store.js';
import { ConversationRepository } from './store/conversation-repository.js';
import { SessionRepository } from './store/session-repository.js';
import { ActiveRuns } from './store/active-runs.js';
import { TaskUsage } from './store/task-usage.js';
import { PrefsRepository } from './store/user-prefs.js';
import { FillFlow } from './slack/fill/fill-flow.js';

export interface BotOptions {
  config: Config;
  logger: Logger;
  store: KeyValueStore;
  /** The first provider is the one `/jasper` runs. */
  providers: readonly [Provider, ...Provider[]];
  /** Minimum time between two progress writes for one run. */
  paceMs?: number;
  /** Slack Web API retry policy (the SDK's); tests shorten it. */
  slackRetryConfig?: RetryOptions;
}

export interface Bot {
  app: App;
  deps: BotDeps;
  /** Starts serving; resolves with the HTTP port (for `/slack/events` in HTTP mode, `/healthz` in both modes). */
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

/** Wires store, providers, runs and the Slack listeners into one Bolt app. */
export function createBot(options: BotOptions): Bot {
  const { config, logger, store } = options;
  const socketMode = Boolean(config.slack.appToken);
  const clientOptions = {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    ...(options.slackRetryConfig ? { retryConfig: options.slackRetryConfig } : {}),
  };
  const app = new App({
    token: config.slack.botToken,
    signingSecret: config.slack.signingSecret,
    appToken: config.slack.appToken,
    socketMode,
    logger,
    // Bolt's default conversation store is unused here and costs an allocation per event.
    convoStore: false,
    customRoutes: [healthRoute(store)],
    installerOptions: socketMode ? { port: config.port } : undefined,
    clientOptions,
  });
  // Runs and conversations write through one paced client (Slack's per-method and per-channel rates); Bolt's own
  // client answers interactions (views.open cannot wait: the trigger expires in 3 s).
  const writer = new PacedWebClient(config.slack.botToken, { ...clientOptions, logger });

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
  const brands = new Map(
    options.providers.map((provider) => [
      provider.id,
      new BrandCatalogue(provider, {
        refreshMs: 60_000,
        coldWaitMs: 800,
        onRefreshError: (error) => logger.warn(`Could not refresh ${provider.displayName} brand lists: ${String(error)}`),
      }),
    ]),
  );
  const activeRuns = new ActiveRuns(store);
  const runs = new RunService({ client: writer, sessions, catalogues, logger, paceMs: options.paceMs, usage, activeRuns, store, recent: prefs });
  const primary = catalogues.get(options.providers[0].id);
  if (!primary) throw new Error('No provider configured');
  const conversations = new ConversationRepository(store, {
    ttlMs: config.conversationTtlMs,
    onInvalidRecord: (key, problem) => logger.warn(`Ignored an invalid conversation record ${key}: ${problem}`),
  });
  const fill = new FillFlow({ client: writer, conversations, catalogue: primary, catalogues, runs, logger, extractInputs: config.extractInputs, prefs });
  const deps: BotDeps = { command: '/jasper', catalogue: primary, catalogues, runs, sessions, store, fill, usage, brands, prefs, channelDefaultsAdmins: config.channelDefaultsAdmins };
  registerListeners(app, deps);
  app.error(async (error) => logger.error(`Unhandled error in a listener: ${error.message}`));

  return {
    app,
    deps,
    async start() {
      guardProcess(logger);
      for (const catalogue of catalogues.values()) catalogue.warm();
      for (const brand of brands.values()) brand.warm();
      const server = (await app.start(config.port)) as Server | undefined;
      const address = server?.address?.() as AddressInfo | null | undefined;
      // Runs a previous process left behind (it died mid-run) are marked interrupted, with Retry.
      void runs
        .recoverInterrupted()
        .then((count) => count > 0 && logger.info(`Marked ${count} run(s) interrupted by the last restart`))
        .catch((error: unknown) => logger.warn(`Could not check for interrupted runs: ${String(error)}`));
      return { port: address?.port ?? config.port };
    },
    async stop() {
      await runs.shutdown();
      await app.stop();
      await store.close();
    },
  };
}
