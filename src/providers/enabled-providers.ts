import { ConfigError, type Config } from '../config.js';
import { createBrowserAgentProvider } from './browser-agent/index.js';
import { createJarvisProvider } from './jarvis/index.js';
import { createJasperProvider, type ProviderLogger } from './jasper/index.js';
import { createJobsProvider, type JobWebhooks } from './jobs/index.js';
import type { Provider } from './types.js';

/** The providers the configuration turns on, in the order lists and capabilities take them (Jasper first). */
export function enabledProviders(
  config: Pick<Config, 'jasper' | 'jarvis' | 'jobs' | 'browserAgent'>,
  logger: ProviderLogger,
  secrets: string[] = [],
  /** Webhook observers for jobs (set when the bot has a `PUBLIC_URL`); without them jobs are polled. */
  jobWebhooks?: JobWebhooks,
): [Provider, ...Provider[]] {
  const providers: Provider[] = [];
  if (config.jasper) providers.push(createJasperProvider({ apiKey: config.jasper.apiKey, baseURL: config.jasper.baseURL, transport: config.jasper.transport, logger, otherSecrets: secrets }));
  if (config.jarvis) providers.push(createJarvisProvider({ apiKey: config.jarvis.apiKey, baseURL: config.jarvis.baseURL }));
  if (config.browserAgent) providers.push(createBrowserAgentProvider({ apiKey: config.browserAgent.apiKey, baseURL: config.browserAgent.baseURL }));
  if (config.jobs) providers.push(createJobsProvider({ ...config.jobs, ...(jobWebhooks ? { webhooks: jobWebhooks } : {}) }));
  const [first, ...rest] = providers;
  // parseConfig already refuses a configuration without any; this keeps the type honest.
  if (!first) throw new ConfigError('No agent API is configured: set JASPER_API_KEY, or JARVIS_URL and JARVIS_API_KEY, or JOBS_URL, JOBS_API_KEY and JOBS_AGENTS, or BROWSER_AGENT_URL and BROWSER_AGENT_API_KEY.');
  return [first, ...rest];
}
