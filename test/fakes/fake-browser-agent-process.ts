import { join } from 'node:path';
import type { BrowserAgentScript } from './browser-agent/script.js';
import { spawnFakeProcess, type FakeProcess } from './http/fake-process.js';

export type FakeBrowserAgentProcess = FakeProcess;

/** Starts `fake-browser-agent-main.ts` in its own process and resolves with its URL and key once it listens. */
export function spawnFakeBrowserAgent(options: { apiKey?: string; script?: BrowserAgentScript } = {}): Promise<FakeBrowserAgentProcess> {
  return spawnFakeProcess(join(import.meta.dirname, 'fake-browser-agent-main.ts'), 'fake browser agent', {
    ...(options.apiKey ? { FAKE_BROWSER_AGENT_API_KEY: options.apiKey } : {}),
    ...(options.script ? { FAKE_BROWSER_AGENT_SCRIPT: JSON.stringify(options.script) } : {}),
  });
}
