import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { FakeJasper } from '../fakes/fake-jasper.js';
import type { FakeSlack } from '../fakes/fake-slack.js';
import { SIGNING_SECRET, waitFor } from './bot-harness.js';
import { REDIS_URL } from './redis.js';
import { createSlackDriver, type SlackDriver } from './slack-driver.js';

const ROOT = join(import.meta.dirname, '../..');

export interface BotProcess {
  child: ChildProcess;
  driver: SlackDriver;
  port: number;
  output: string[];
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/** A free loopback port (the bot is told which to listen on). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The real bot as its own process (`src/main.ts`, as `npm start` runs it), wired to the fakes and a Redis prefix. */
export async function startBotProcess(slack: FakeSlack, jasper: FakeJasper, redisPrefix: string, env: Record<string, string> = {}): Promise<BotProcess> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      JASPER_API_KEY: jasper.apiKey,
      JASPER_API_URL: jasper.baseURL,
      REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      PORT: String(port),
      LOG_LEVEL: 'info',
      // A dead replica's runs are picked up within about two lock periods; short here so tests do not wait 60 s.
      RUN_LOCK_SECONDS: '2',
      DRAIN_SECONDS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitFor(
    'the bot process to answer /healthz',
    async () => (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false)) || (child.exitCode !== null && Promise.reject(new Error(output.join('')))),
    15_000,
  );
  const driver = createSlackDriver({ botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, slack });
  return { child, driver, port, output, exited };
}
