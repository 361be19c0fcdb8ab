import { join } from 'node:path';
import { spawnFakeProcess, type FakeProcess } from './http/fake-process.js';
import type { JarvisScript } from './jarvis/script.js';

export type FakeJarvisProcess = FakeProcess;

/** Starts `fake-jarvis-main.ts` in its own process and resolves with its URL and key once it listens. */
export function spawnFakeJarvis(options: { apiKey?: string; scripts?: Record<string, JarvisScript> } = {}): Promise<FakeJarvisProcess> {
  return spawnFakeProcess(join(import.meta.dirname, 'fake-jarvis-main.ts'), 'fake Jarvis', {
    ...(options.apiKey ? { FAKE_JARVIS_API_KEY: options.apiKey } : {}),
    ...(options.scripts ? { FAKE_JARVIS_SCRIPTS: JSON.stringify(options.scripts) } : {}),
  });
}
