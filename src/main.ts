import { createBot } from './bot.js';
import { ConfigError, configuredSecrets, loadDotEnv, parseConfig } from './config.js';
import { createJsonBaseLogger, createLogger } from './logging.js';
import { StoreJobWebhooks } from './http/job-webhooks.js';
import { enabledProviders } from './providers/enabled-providers.js';
import { createMemoryStore } from './store/memory-store.js';
import { createRedisStore } from './store/redis-store.js';

/** Composition root: configuration -> store -> providers -> Bolt app. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = parseConfig(process.env);
  const secrets = configuredSecrets(config);
  const logger = createLogger(config.logLevel, secrets, config.logFormat === 'json' ? createJsonBaseLogger() : undefined);

  const store = config.redisUrl
    ? await createRedisStore({ url: config.redisUrl, namespace: config.redisPrefix, onError: (error) => logger.warn(`Redis: ${error.message}`) })
    : createMemoryStore(config.redisPrefix);
  if (!config.redisUrl) logger.warn('REDIS_URL is not set: sessions and runs are kept in this process and are lost when the bot restarts.');

  // Jobs report back through webhooks when the bot is reachable; otherwise they are polled.
  const jobWebhooks = config.jobs && config.publicUrl ? new StoreJobWebhooks({ store, publicUrl: config.publicUrl }) : undefined;
  const bot = createBot({ config, logger, store, providers: enabledProviders(config, logger, secrets, jobWebhooks), ...(jobWebhooks ? { jobWebhooks } : {}) });
  const { port } = await bot.start();
  logger.info(`Jasper bot is running (${config.slack.appToken ? 'Socket Mode' : `HTTP, POST /slack/events`}; health on :${port}/healthz)`);

  const shutdown = (signal: string) => {
    logger.info(`${signal} received: finishing up`);
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('The bot stopped:', error instanceof Error ? error.message : error);
  process.exit(1);
});
