import { existsSync } from 'node:fs';
import { z } from 'zod';
import { parseJobsAgents, type JobsAgent } from './jobs-agents-setting.js';

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

const optionalUrl = (what: string) => optionalText.refine((value) => value === undefined || URL.canParse(value), `must be a URL (${what})`);

const bool = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .default(fallback)
    .transform((v) => ['true', '1', 'yes'].includes(v));

const userIds = z
  .string()
  .default('')
  .transform((v) => v.split(',').map((id) => id.trim()).filter(Boolean));

/** The default `JASPER_API_URL` of each transport. */
const JASPER_BASE_URLS = { direct: 'https://api.jasper.ai/v1', lowcodeapi: 'https://api.lowcodeapi.com/jasper' } as const;

const EnvSchema = z
  .object({
    SLACK_BOT_TOKEN: z.string({ error: 'is required (the bot token, xoxb-...)' }).trim().min(1, 'is required (the bot token, xoxb-...)'),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token (xapp-...)'),
    PORT: z.coerce.number({ error: 'must be a port number (0-65535)' }).int().min(0).max(65535).default(3000),
    SLACK_API_URL: url('e.g. https://slack.com/api/').optional(),
    SLASH_COMMAND: z
      .string()
      .trim()
      .regex(/^\/[a-z0-9_-]{1,31}$/, "must be a slash command as in the app's manifest: / then up to 31 lowercase letters, digits, - or _ (e.g. /jasper)")
      .default('/jasper'),
    SLACK_RATE_SCALE: z.coerce.number({ error: 'must be a number' }).min(0.1).max(100).default(1),
    JASPER_API_KEY: optionalText,
    JASPER_API_URL: url('e.g. https://api.jasper.ai/v1, or https://api.lowcodeapi.com/jasper with JASPER_TRANSPORT=lowcodeapi').optional(),
    JASPER_TRANSPORT: z.enum(['direct', 'lowcodeapi'], { error: 'must be direct or lowcodeapi' }).default('direct'),
    JARVIS_URL: optionalUrl('the Jarvis host, e.g. https://your-jarvis-host'),
    JARVIS_API_KEY: optionalText,
    JOBS_URL: optionalUrl('the jobs API host, e.g. https://jobs.example.com (paths start with /v1/jobs)'),
    JOBS_API_KEY: optionalText,
    JOBS_AGENTS: optionalText,
    PUBLIC_URL: optionalUrl('where the bot is reachable, e.g. https://jasper-bot.example.com'),
    BROWSER_AGENT_URL: optionalUrl('the API base as its examples use it, e.g. https://api.example.com/v1'),
    BROWSER_AGENT_API_KEY: optionalText,
    REDIS_URL: url('e.g. redis://127.0.0.1:6379').optional(),
    REDIS_PREFIX: z.string().trim().regex(/^[\w.-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores').default('jsb'),
    SESSION_TTL_DAYS: z.coerce.number().positive().max(3650).default(30),
    CONVERSATION_TTL_HOURS: z.coerce.number({ error: 'must be a number of hours' }).positive().max(24 * 365).default(72),
    EXTRACT_INPUTS: bool('true'),
    CHANNEL_DEFAULTS_ADMINS: userIds,
    CATALOGUE_REFRESH_SECONDS: z.coerce.number().int().min(10).default(300),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    LOG_FORMAT: z.enum(['text', 'json'], { error: 'must be text or json' }).default('text'),
    ROLE: z.enum(['all', 'web', 'worker'], { error: 'must be all, web or worker' }).default('all'),
    RUN_CONCURRENCY: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(1000).default(50),
    RUN_LOCK_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).min(1).max(30).default(30),
    DRAIN_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).min(0).max(600).default(20),
    RUN_ADMINS: userIds,
    CANCEL_BY_ANYONE: bool('false'),
    KNOWLEDGE_ADMINS: userIds,
    TONE_ADMINS: userIds,
  });

export interface Config {
  slack: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
    /** Multiplies Slack's per-method write rates the bot keeps to (for apps Slack granted higher limits). */
    rateScale: number;
  };
  port: number;
  /** The slash command the app's manifest declares (`SLASH_COMMAND`, default `/jasper`): registered, and named in every hint. */
  slashCommand: string;
  /** Set when `JASPER_API_KEY` is. `transport: 'lowcodeapi'`: `baseURL` is the proxy's base for Jasper and `apiKey` the proxy's token. */
  jasper?: { apiKey: string; baseURL: string; transport: 'direct' | 'lowcodeapi' };
  /** Set when `JARVIS_URL` and `JARVIS_API_KEY` are. */
  jarvis?: { baseURL: string; apiKey: string };
  /** Set when `JOBS_URL`, `JOBS_API_KEY` and `JOBS_AGENTS` are: the agents offered, one task each. */
  jobs?: { baseURL: string; apiKey: string; agents: JobsAgent[] };
  /** Where the bot is reachable from outside (no trailing slash), for provider webhooks; unset = providers poll. */
  publicUrl?: string;
  /** Set when `BROWSER_AGENT_URL` and `BROWSER_AGENT_API_KEY` are. */
  browserAgent?: { baseURL: string; apiKey: string };
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
  /** `json`: one JSON object a line (for log collectors); `text`: Bolt's console format. */
  logFormat: 'text' | 'json';
  /** `all` serves Slack and works on runs; `web` only serves Slack; `worker` only works on runs. */
  role: 'all' | 'web' | 'worker';
  runs: {
    /** Runs one process works on at once. */
    concurrency: number;
    /** How long a run's job lock lasts without renewal; a dead worker's run is picked up within about twice this. */
    lockMs: number;
    /** On SIGTERM, how long running runs may take to finish before they are left to another replica. */
    drainMs: number;
  };
  access: {
    /** Besides its owner, who may act on any run (Cancel, Retry, Edit inputs & run again). */
    runAdmins: string[];
    /** Whether anyone in the channel may cancel a run. */
    cancelByAnyone: boolean;
    /** Who may delete workspace knowledge; empty = the workspace's admins and owners (read from Slack). */
    knowledgeAdmins: string[];
    /** Who may create, edit and delete tones; empty = the workspace's admins and owners. */
    toneAdmins: string[];
  };
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
  problems.push(...providerProblems(env));
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
      rateScale: e.SLACK_RATE_SCALE,
    },
    port: e.PORT,
    slashCommand: e.SLASH_COMMAND,
    ...(e.JASPER_API_KEY
      ? { jasper: { apiKey: e.JASPER_API_KEY, baseURL: (e.JASPER_API_URL ?? JASPER_BASE_URLS[e.JASPER_TRANSPORT]).replace(/\/+$/, ''), transport: e.JASPER_TRANSPORT } }
      : {}),
    ...(e.JARVIS_URL && e.JARVIS_API_KEY ? { jarvis: { baseURL: e.JARVIS_URL.replace(/\/+$/, ''), apiKey: e.JARVIS_API_KEY } } : {}),
    ...(e.JOBS_URL && e.JOBS_API_KEY && e.JOBS_AGENTS
      ? { jobs: { baseURL: e.JOBS_URL.replace(/\/+$/, ''), apiKey: e.JOBS_API_KEY, agents: parseJobsAgents(e.JOBS_AGENTS).agents } }
      : {}),
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, '') } : {}),
    ...(e.BROWSER_AGENT_URL && e.BROWSER_AGENT_API_KEY ? { browserAgent: { baseURL: e.BROWSER_AGENT_URL.replace(/\/+$/, ''), apiKey: e.BROWSER_AGENT_API_KEY } } : {}),
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    sessionTtlMs: e.SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
    conversationTtlMs: e.CONVERSATION_TTL_HOURS * 60 * 60 * 1000,
    extractInputs: e.EXTRACT_INPUTS,
    channelDefaultsAdmins: e.CHANNEL_DEFAULTS_ADMINS,
    catalogueRefreshMs: e.CATALOGUE_REFRESH_SECONDS * 1000,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    role: e.ROLE,
    runs: { concurrency: e.RUN_CONCURRENCY, lockMs: e.RUN_LOCK_SECONDS * 1000, drainMs: e.DRAIN_SECONDS * 1000 },
    access: {
      runAdmins: e.RUN_ADMINS,
      cancelByAnyone: e.CANCEL_BY_ANYONE,
      knowledgeAdmins: e.KNOWLEDGE_ADMINS,
      toneAdmins: e.TONE_ADMINS,
    },
  };
}

/** Every secret the bot was given: none may appear in a log line or in anything shown to people. */
export function configuredSecrets(config: Config): string[] {
  return [config.slack.botToken, config.slack.signingSecret, config.slack.appToken, config.jasper?.apiKey, config.jarvis?.apiKey, config.jobs?.apiKey, config.browserAgent?.apiKey].filter((s): s is string => s !== undefined);
}

/** Each provider is on when its variables are set (a half-set one is named), and at least one must be. */
function providerProblems(env: NodeJS.ProcessEnv): string[] {
  const set = (name: string) => Boolean(env[name]?.trim());
  const problems: string[] = [];
  if (set('JARVIS_URL') !== set('JARVIS_API_KEY')) {
    const [missing, given] = set('JARVIS_URL') ? ['JARVIS_API_KEY', 'JARVIS_URL'] : ['JARVIS_URL', 'JARVIS_API_KEY'];
    problems.push(`- ${missing} is required when ${given} is set (Jarvis agents need both)`);
  } else if (!set('JASPER_API_KEY') && !set('JARVIS_URL') && !set('JOBS_URL') && !set('BROWSER_AGENT_URL') && !set('BROWSER_AGENT_API_KEY')) {
    problems.push('- no agent API is configured: set JASPER_API_KEY (Jasper), or JARVIS_URL and JARVIS_API_KEY (Jarvis agents), or JOBS_URL, JOBS_API_KEY and JOBS_AGENTS (jobs), or BROWSER_AGENT_URL and BROWSER_AGENT_API_KEY (the browser agent), or several');
  }
  if (set('BROWSER_AGENT_URL') !== set('BROWSER_AGENT_API_KEY')) {
    const [missing, given] = set('BROWSER_AGENT_URL') ? ['BROWSER_AGENT_API_KEY', 'BROWSER_AGENT_URL'] : ['BROWSER_AGENT_URL', 'BROWSER_AGENT_API_KEY'];
    problems.push(`- ${missing} is required when ${given} is set (the browser agent needs both)`);
  }
  problems.push(...jobsProblems(env));
  return problems;
}

/** Jobs need all three of their variables (the missing ones are named) and well-formed `agent_id=Label` pairs. */
function jobsProblems(env: NodeJS.ProcessEnv): string[] {
  const names = ['JOBS_URL', 'JOBS_API_KEY', 'JOBS_AGENTS'];
  const missing = names.filter((name) => !env[name]?.trim());
  if (missing.length === names.length) return [];
  if (missing.length > 0) return [`- ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required when ${names.filter((n) => !missing.includes(n)).join(' and ')} ${missing.length === 2 ? 'is' : 'are'} set (jobs need all three)`];
  const { problems } = parseJobsAgents(env.JOBS_AGENTS ?? '');
  return problems.map((problem) => `- JOBS_AGENTS ${problem} (comma-separated agent_id=Label pairs, e.g. agt_01=Researcher,agt_02=Analyst)`);
}

/** Reads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
