/** Starts the bot under test (a forked process by default, or in the bench's own process) and talks to it. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import type { BotChildConfig, ChildMessage, LoopStats, ParentMessage } from './bot-protocol.js';
import { buildBot } from './bot-factory.js';

export interface BotHandle {
  port: number;
  eventsUrl: string;
  /** 'child' (pid) or 'in-process'. */
  where: string;
  /** Starts a new measurement window for lag, utilisation and CPU. */
  reset(): Promise<void>;
  stats(): Promise<LoopStats>;
  /** A CPU profile of the bot process over a window: start, then stop with the file to write. */
  profile(action: 'start' | 'stop', file?: string): Promise<void>;
  /** Writes a heap snapshot of the bot process. */
  snapshot(file: string): Promise<void>;
  /** graceful: the bot's own stop (cancels runs, closes the store); else the process just ends. */
  stop(graceful?: boolean): Promise<void>;
}

export interface StartBotOptions {
  inProcess: boolean;
  /** Extra node flags for the child. */
  execArgv?: string[];
  /** The compiled bot-child.js (bench/compile-bot.ts); without it the child runs bench/bot-child.ts under tsx. */
  compiledEntry?: string;
  startTimeoutMs?: number;
}

const CHILD = fileURLToPath(new URL('./bot-child.ts', import.meta.url));

export async function startBot(config: BotChildConfig, options: StartBotOptions): Promise<BotHandle> {
  if (options.inProcess) {
    const { bot, port, probe } = await buildBot(config);
    return {
      port,
      eventsUrl: `http://127.0.0.1:${port}/slack/events`,
      where: 'in-process',
      reset: async () => probe.reset(),
      stats: async () => probe.stats(),
      snapshot: async (file) => void writeHeapSnapshot(file),
      profile: (action, file) => (action === 'start' ? probe.startProfile() : probe.stopProfile(file ?? 'bot.cpuprofile')),
      async stop(graceful = true) {
        probe.disable();
        if (graceful) await bot.stop();
        else await bot.app.stop().catch(() => undefined);
      },
    };
  }
  const child = fork(options.compiledEntry ?? CHILD, [JSON.stringify(config)], {
    execArgv: [...(options.compiledEntry ? [] : ['--import', 'tsx']), ...(options.execArgv ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('bench: the bot process did not start within the time allowed'));
    }, options.startTimeoutMs ?? 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench: the bot process exited with code ${code} before it was ready`));
    });
    child.on('message', function first(raw) {
      const m = raw as ChildMessage;
      if (m.type === 'ready') {
        clearTimeout(timer);
        child.off('message', first);
        resolve(m.port);
      } else if (m.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`bench: the bot process failed to start: ${m.error}`));
      }
    });
  });
  return childHandle(child, port);
}

function childHandle(child: ChildProcess, port: number): BotHandle {
  let nextId = 1;
  const waiting = new Map<number, (m: ChildMessage & { type: 'reply' }) => void>();
  let exited = false;
  child.on('message', (raw) => {
    const m = raw as ChildMessage;
    if (m.type === 'reply') waiting.get(m.id)?.(m);
  });
  child.on('exit', () => {
    exited = true;
    for (const resolve of waiting.values()) resolve({ type: 'reply', id: -1 });
    waiting.clear();
  });
  const ask = (message: DistributiveOmit<ParentMessage, 'id'>, timeoutMs = 15_000) =>
    new Promise<ChildMessage & { type: 'reply' }>((resolve, reject) => {
      if (exited) return reject(new Error('bench: the bot process has exited'));
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`bench: the bot process did not answer ${message.type}`));
      }, timeoutMs);
      waiting.set(id, (m) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(m);
      });
      child.send({ ...message, id } as ParentMessage);
    });
  return {
    port,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    where: `child pid ${child.pid}`,
    async reset() {
      await ask({ type: 'reset' });
    },
    async stats() {
      const reply = await ask({ type: 'stats' });
      if (!reply.stats) throw new Error('bench: the bot process sent no stats');
      return reply.stats;
    },
    async profile(action, file) {
      await ask(action === 'start' ? { type: 'profile', action } : { type: 'profile', action, ...(file ? { file } : {}) }, 30_000);
    },
    async snapshot(file) {
      await ask({ type: 'snapshot', file }, 120_000);
    },
    async stop(graceful = true) {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        await ask({ type: 'stop', graceful }, 10_000);
      } catch {
        // Not answering: ended below.
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
