import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';

const listening = z.object({ url: z.string(), apiKey: z.string() });

/** A fake API in a process of its own (so a test can kill the bot and keep the upstream). */
export interface FakeProcess {
  /** The `_URL` setting for a bot process. */
  url: string;
  /** The `_API_KEY` setting for a bot process. */
  apiKey: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `mainFile` (which prints `{ url, apiKey }` as its first line once it listens) with `env`. */
export async function spawnFakeProcess(mainFile: string, name: string, env: Record<string, string>): Promise<FakeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', mainFile], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (first) => {
      lines.close();
      resolve(first);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
  });
  const { url, apiKey } = listening.parse(JSON.parse(line));
  return {
    url,
    apiKey,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
