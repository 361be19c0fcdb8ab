/** Command-line options and the two profiles: full (about 4 minutes on 2 cores) and --quick (under a minute). */
import type { FakeLatency } from '../test/fakes/fake-jasper.js';
import type { ChannelLimit } from '../test/support/slack-gate.js';

export interface BenchOptions {
  quick: boolean;
  inProcess: boolean;
  /** How the forked bot runs: compiled JavaScript as in the Docker image (default), or TypeScript under tsx. */
  runtime: 'compiled' | 'tsx';
  store: 'memory' | 'redis';
  redisUrl: string;
  /** Node flags for the bot process. */
  childExecArgv: string[];
  /** With --cpu-prof: where CPU profiles of the bot process over measured windows go. */
  profileDir?: string;
  /** With --src-rev: measure src/ as it is at this git revision (compiled), not the working tree. */
  srcRev?: string;
  /** With --only: the scenarios to run (names as in SCENARIOS). */
  only?: string[];
  /** With --heap-snapshot: a heap snapshot of the bot at the top capacity level, in bench/profiles/. */
  heapSnapshot: boolean;
  outFile: string;
  maxUsers: number;
  catalogueRefreshSeconds: number;
  channelLimit: ChannelLimit;
  /** Upstream timing of a run (list/get are fast unless a scenario says otherwise). */
  upstream: Pick<FakeLatency, 'listMs' | 'getMs' | 'runStartMs' | 'timeToFirstTokenMs' | 'tokenIntervalMs'>;
  /** Characters per content frame: the fake Jasper streams the output in 40-character frames. */
  charsPerFrame: number;
  ack: { commands: string[]; levels: number[]; samples: Record<number, number>; warmup: number };
  viewsOpen: { commands: number; slowUpstreamMs: number; cold: boolean };
  latency: { runs: number; outputChars: number; staggerMs: number };
  longRun: { seconds: number };
  oneChannel: { runs: number; seconds: number; graceSeconds: number; probeEveryMs: number };
  capacity: { levels: number[]; windowMs: number; settleMs: number; submitConcurrency: number; lagLimitMs: number };
  /**
   * The same runs on one replica, then on three (real processes on one Redis). `rateScale` multiplies Slack's published
   * method tiers at the gate and in the bots (SLACK_RATE_SCALE); `deadlineS` bounds each configuration.
   */
  replicas: { counts: number[]; runs: number; channels: number; outputChars: number; rateScale: number; submitConcurrency: number; deadlineS: number };
}

const FULL: Omit<BenchOptions, 'quick' | 'inProcess' | 'runtime' | 'heapSnapshot' | 'srcRev' | 'only' | 'store' | 'redisUrl' | 'childExecArgv' | 'outFile' | 'profileDir'> = {
  maxUsers: 1_100,
  catalogueRefreshSeconds: 10,
  channelLimit: { enabled: true, perSecond: 1, burst: 3, counts: 'posts', tiers: true },
  upstream: { listMs: 50, getMs: 50, runStartMs: 300, timeToFirstTokenMs: 700, tokenIntervalMs: 100 },
  charsPerFrame: 40,
  ack: { commands: ['help', 'run blog-post'], levels: [1, 10, 100], samples: { 1: 100, 10: 300, 100: 500 }, warmup: 20 },
  viewsOpen: { commands: 40, slowUpstreamMs: 2_000, cold: true },
  latency: { runs: 10, outputChars: 2_000, staggerMs: 400 },
  longRun: { seconds: 30 },
  oneChannel: { runs: 20, seconds: 15, graceSeconds: 40, probeEveryMs: 500 },
  capacity: { levels: [50, 100, 200, 400, 700, 1_000], windowMs: 4_000, settleMs: 1_500, submitConcurrency: 25, lagLimitMs: 50 },
  replicas: { counts: [1, 3], runs: 300, channels: 30, outputChars: 800, rateScale: 100, submitConcurrency: 20, deadlineS: 150 },
};

const QUICK: typeof FULL = {
  ...FULL,
  maxUsers: 150,
  ack: { commands: ['run blog-post'], levels: [1, 10, 100], samples: { 1: 20, 10: 50, 100: 100 }, warmup: 5 },
  viewsOpen: { commands: 10, slowUpstreamMs: 2_000, cold: false },
  latency: { runs: 3, outputChars: 800, staggerMs: 300 },
  longRun: { seconds: 5 },
  oneChannel: { runs: 20, seconds: 3, graceSeconds: 4, probeEveryMs: 500 },
  capacity: { levels: [100], windowMs: 2_000, settleMs: 1_000, submitConcurrency: 25, lagLimitMs: 50 },
  replicas: { counts: [1, 3], runs: 60, channels: 6, outputChars: 400, rateScale: 100, submitConcurrency: 20, deadlineS: 25 },
};

/** Scenario names for --only. */
export const SCENARIOS = ['ack', 'latency', 'views-open', 'long-run', 'one-channel', 'cold', 'capacity', 'frame-cost', 'replicas'];

const HELP = `npm run bench [-- options]
  --quick               smaller counts and shorter runs (under a minute), for CI smoke checks
  --in-process          run the bot in the bench's own process (default: a forked process, so lag and RSS are the bot's)
  --tsx                 run the forked bot under tsx (default: compiled to JavaScript first, as the Docker image runs it)
  --redis               sessions in Redis at REDIS_URL (default redis://127.0.0.1:6379); default: in memory
  --cpu-prof            CPU profiles of the bot process over the ack burst and each capacity window,
                        in bench/profiles/ (summarise: node --import tsx bench/profile-summary.ts FILE)
  --heap-snapshot       a heap snapshot of the bot at the top capacity level, in bench/profiles/
                        (summarise: node --import tsx bench/heap-summary.ts FILE)
  --out FILE            where to write the JSON (default bench/results.json)
  --token-interval MS   upstream time between content frames (default 100)
  --ttft MS             upstream time to first token (default 700)
  --run-start MS        upstream time before a run's stream opens (default 300)
  --channel-burst N     writes a channel may burst before Slack's 1/s applies (default 3)
  --channel-all-writes  every chat write (update, stream appends...) counts against the channel's 1/s;
                        default: only chat.postMessage, as Slack documents
  --no-tiers            no workspace-wide per-method tiers (default: Tier 2/3/4 limits on the stream and update methods)
  --only a,b            run only these scenarios: ack, latency, views-open, long-run, one-channel, cold, capacity, frame-cost,
                        replicas (needs Redis at REDIS_URL; not in --quick unless named here)
  --rate-scale N        replicas scenario: Slack's method tiers multiplied by N at the gate and in the bots
                        (SLACK_RATE_SCALE; default 100, the most the bot accepts;
                        20 as in test/e2e/replicas/throughput.test.ts)
  --src-rev REV         measure src/ as it is at git revision REV (compiled), e.g. to compare before and after a change
  --levels a,b,c        concurrent runs for the capacity ramp
`;

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const args = [...argv];
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i === -1) return false;
    args.splice(i, 1);
    return true;
  };
  const value = (name: string) => {
    const i = args.indexOf(name);
    if (i === -1) return undefined;
    const v = args[i + 1];
    if (v === undefined) throw new Error(`${name} needs a value`);
    args.splice(i, 2);
    return v;
  };
  const num = (name: string) => {
    const v = value(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number`);
    return n;
  };
  if (flag('--help') || flag('-h')) return 'help';
  const quick = flag('--quick');
  const base = structuredClone(quick ? QUICK : FULL);
  const options: BenchOptions = {
    ...base,
    quick,
    inProcess: flag('--in-process'),
    runtime: flag('--tsx') ? 'tsx' : 'compiled',
    heapSnapshot: flag('--heap-snapshot'),
    store: flag('--redis') ? 'redis' : 'memory',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    childExecArgv: [],
    ...(flag('--cpu-prof') ? { profileDir: new URL('./profiles', import.meta.url).pathname } : {}),
    outFile: value('--out') ?? new URL('./results.json', import.meta.url).pathname,
  };
  const interval = num('--token-interval');
  if (interval !== undefined) options.upstream.tokenIntervalMs = interval;
  const ttft = num('--ttft');
  if (ttft !== undefined) options.upstream.timeToFirstTokenMs = ttft;
  const runStart = num('--run-start');
  if (runStart !== undefined) options.upstream.runStartMs = runStart;
  const burst = num('--channel-burst');
  if (burst !== undefined) options.channelLimit.burst = Math.max(1, burst);
  if (flag('--channel-all-writes')) options.channelLimit.counts = 'writes';
  if (flag('--no-tiers')) options.channelLimit.tiers = false;
  const rateScale = num('--rate-scale');
  if (rateScale !== undefined) options.replicas.rateScale = Math.min(100, Math.max(0.1, rateScale));
  const srcRev = value('--src-rev');
  if (srcRev) {
    if (options.inProcess || options.runtime === 'tsx') throw new Error('--src-rev needs the compiled bot (not --in-process or --tsx)');
    options.srcRev = srcRev;
  }
  const only = value('--only');
  if (only) {
    options.only = only.split(',').map((s) => s.trim());
    const unknown = options.only.filter((s) => !SCENARIOS.includes(s));
    if (unknown.length > 0) throw new Error(`--only: unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
  }
  const levels = value('--levels');
  if (levels) options.capacity.levels = levels.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  options.maxUsers = Math.max(options.maxUsers, (options.capacity.levels.at(-1) ?? 0) + 100);
  if (args.length > 0) throw new Error(`unknown arguments: ${args.join(' ')}\n${HELP}`);
  return options;
}

export { HELP };

/** Characters the upstream streams per second with these settings. */
export const charsPerSecond = (o: BenchOptions) => (o.charsPerFrame * 1000) / Math.max(1, o.upstream.tokenIntervalMs);
