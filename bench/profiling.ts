/** Optional CPU profiles of the bot process over a measured window (`--cpu-prof`). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BotHandle } from './bot-handle.js';
import type { BenchOptions } from './options.js';

/** Runs `work`; with --cpu-prof, profiles the bot process meanwhile and returns the profile's path. */
export async function profiled<T>(o: BenchOptions, bot: BotHandle, name: string, work: () => Promise<T>): Promise<{ value: T; profile?: string }> {
  if (!o.profileDir) return { value: await work() };
  mkdirSync(o.profileDir, { recursive: true });
  const file = join(o.profileDir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.cpuprofile`);
  await bot.profile('start');
  try {
    return { value: await work(), profile: file };
  } finally {
    await bot.profile('stop', file);
  }
}
