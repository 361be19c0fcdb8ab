import { existsSync } from 'node:fs';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const url = (what: string) =>
  z
    .string()
    .trim()
    .refine((value) => URL.canParse(value), `must be a URL (${what})`);

const EnvSchema = z
  .object({
    SLACK_BOT_TOKEN: z.string({ error: 'is required (the bot token, xoxb-...)' }).trim().min(1, 'is required (the bot token, xoxb-...)'),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token (xapp-...)'),
    PORT: z.coerce.number({ error: 'must be a port number (0-65535)' }).int().min(0).max(65535).default(3000),
    SLACK_API_URL: url('e.g. https://slack.com/api/').optional(),
    JASPER_API_KEY: z.string({ error: 'is required (your Jasper API key)' }).trim().min(1, 'is required (your Jasper API key)'),
    JASPER_API_URL: url('e.g. https://api.jasper.ai/v1').default('https://api.jasper.ai/v1'),
    REDIS_URL: url('e.g. redis://127.0.0.1:6379').optional(),
    REDIS_PREFIX: z.string().trim().regex(/^[\w.-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores').default('jsb'),
    SESSION_TTL_DAYS: z.coerce.number().positive().max(3650).default(30),
    CONVERSATION_TTL_HOURS: z.coerce.number({ error: 'must be a number of hours' }).positive().max(24 * 365).default(72),
    EXTRACT_INPUTS: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
      .default('true')
      .transform((v) => ['true', '1', 'yes'].includes(v)),
    CHANNEL_DEFAULTS_ADMINS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((id) => id.trim()).filter(Boolean)),
    CATALOGUE_REFRESH_SECONDS: z.coerce.number().int().min(10).default(300),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  });

export interface Config {
  slack: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
  };
  port: number;
  jasper: { apiKey: string; baseURL: string };
  redisUrl?: string;
  /** Prefix of every key the bot writes, so several bots (or environments) can share one Redis. */
  redisPrefix: string;
  sessionTtlMs: number;
  /** How long a half-filled conversation waits for its next answer. */
  conversationTtlMs: number;
  /** Whether free text in a mention is sent to the agent to pre-fill the task's inputs. */
  extractInputs: boolean;
  /** User ids that may set a channel's defaults; empty = anyone. */
  channelDefaultsAdmins: string[];
  catalogueRefreshMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment. Throws one ConfigError naming every problem; values are never echoed (they may be secrets). */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = EnvSchema.safeParse(env);
  const problems = result.success ? [] : result.error.issues.map((issue) => `- ${issue.path.join('.') || 'environment'} ${issue.message}`);
  if (!env.SLACK_APP_TOKEN?.trim() && !env.SLACK_SIGNING_SECRET?.trim()) {
    problems.push('- SLACK_SIGNING_SECRET is required in HTTP mode (set it, or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (!result.success || problems.length > 0) {
    throw new ConfigError(`The bot cannot start; fix these settings (see README, "Configuration"):\n${problems.join('\n')}`);
  }
  const e = result.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL && (e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`),
    },
    port: e.PORT,
    jasper: { apiKey: e.JASPER_API_KEY, baseURL: e.JASPER_API_URL.replace(/\/+$/, '') },
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    sessionTtlMs: e.SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
    conversationTtlMs: e.CONVERSATION_TTL_HOURS * 60 * 60 * 1000,
    extractInputs: e.EXTRACT_INPUTS,
    channelDefaultsAdmins: e.CHANNEL_DEFAULTS_ADMINS,
    catalogueRefreshMs: e.CATALOGUE_REFRESH_SECONDS * 1000,
    logLevel: e.LOG_LEVEL,
  };
}

/** Reads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
