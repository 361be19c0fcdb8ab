import { createBot } from './bot.js';
import { ConfigError, loadDotEnv, parseConfig } from './config.js';
import { createLogger } from './logging.js';
import { createJasperProvider } from './providers/jasper/jasper-provider.js';
import { createMemoryStore } from './store/memory-store.js';
import { createRedisStore } from './store/redis-store.js';

/** Composition root: configuration -> store -> providers -> Bolt app. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = parseConfig(process.env);
  const logger = createLogger(config.logLevel, [config.slack.botToken, config.slack.signingSecret, config.slack.appToken, config.jasper.apiKey]);

  const store = config.redisUrl
    ? await createRedisStore({ url: config.redisUrl, namespace: config.redisPrefix, onError: (error) => logger.warn(`Redis: ${error.message}`) })
    : createMemoryStore(config.redisPrefix);
  if (!config.redisUrl) logger.warn('REDIS_URL is not set: sessions are kept in memory and are lost when the bot restarts.');

  const jasper = createJasperProvider({ apiKey: config.jasper.apiKey, baseURL: config.jasper.baseURL, logger });
  const bot = createBot({ config, logger, store, providers: [jasper] });
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
