import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { waitFor } from './bot-harness.js';
import { freePort } from './bot-process.js';

export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

/** A redis-server of the test's own on a spare port, with an append-only file so that a restart keeps its data. */
export async function startOwnedRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'owned-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const up = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
    await waitFor('the owned Redis to answer', () => ping(url), 10_000);
  };
  const down = async () => {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child?.kill('SIGTERM');
    await exited;
  };
  await up();
  return {
    url,
    /** Stops the server (data stays on disk). */
    stop: down,
    /** Starts it again on the same port with the same data. */
    start: up,
    async dispose() {
      if (child && child.exitCode === null) await down();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function ping(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 300 } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}
