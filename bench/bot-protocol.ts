/** Messages between the bench (parent) and the bot process it forks (bench/bot-child.ts). */

export interface BotChildConfig {
  slackApiUrl: string;
  botToken: string;
  signingSecret: string;
  jasperBaseURL: string;
  jasperApiKey: string;
  store: 'memory' | 'redis';
  redisUrl: string;
  /** Redis key prefix of this bot (deleted by the parent afterwards). */
  namespace: string;
  catalogueRefreshSeconds: number;
  /** Minimum time between two progress writes per run; undefined = the bot's default (1 s). */
  paceMs?: number;
}

export interface LoopStats {
  /** Event-loop delay percentiles (ms) since the last reset, from perf_hooks.monitorEventLoopDelay. */
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  lagMeanMs: number;
  /** Event-loop utilisation (0..1) since the last reset. */
  elu: number;
  windowMs: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  /** Lines the bot logged at warn or error since the last reset, and a few of them. */
  warnings: number;
  sampleWarnings: string[];
  /** CPU time (user + system, ms) since the last reset. */
  cpuMs: number;
  /** POST /slack/events requests since the last reset, and their server-side time (request headers parsed -> response finished). */
  slackRequests: number;
  serverMsP50: number;
  serverMsP99: number;
}

export type ParentMessage =
  | { type: 'reset'; id: number }
  | { type: 'stats'; id: number; gc?: boolean }
  | { type: 'stop'; id: number; graceful: boolean }
  /** CPU profile of a window (node:inspector), written to `file` on stop. */
  | { type: 'profile'; id: number; action: 'start' | 'stop'; file?: string }
  /** A V8 heap snapshot of the bot process (v8.writeHeapSnapshot), for finding what a run holds. */
  | { type: 'snapshot'; id: number; file: string };

export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'failed'; error: string }
  | { type: 'reply'; id: number; stats?: LoopStats };
