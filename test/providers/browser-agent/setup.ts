import { createBrowserAgentProvider, type BrowserAgentProvider, type BrowserAgentProviderOptions } from '../../../src/providers/browser-agent/index.js';
import type { InputValues, RunEvent, RunRequest, TaskDefinition } from '../../../src/providers/types.js';
import type { FakeBrowserAgent } from '../../fakes/fake-browser-agent.js';

/** Milliseconds, not seconds: tests stay fast and still go through the back-off paths. */
export const FAST_RETRY = { initialDelayMs: 1, maxDelayMs: 4 } as const;
export const FAST_POLL = { initialDelayMs: 5, maxDelayMs: 20, factor: 2 } as const;

export const SLACK_USER = { teamId: 'T0123ABC', userId: 'U0456DEF' } as const;

export function browserFor(fake: FakeBrowserAgent, options: Partial<BrowserAgentProviderOptions> = {}): BrowserAgentProvider {
  return createBrowserAgentProvider({ apiKey: fake.apiKey, baseURL: fake.url, retry: FAST_RETRY, poll: FAST_POLL, ...options });
}

export function runRequest(task: TaskDefinition, values: InputValues, extra: Partial<RunRequest> = {}): RunRequest {
  return { task, values, onBehalfOf: SLACK_USER, signal: new AbortController().signal, ...extra };
}

/** Events as short strings, for comparing whole runs. */
export function shape(events: RunEvent[]): string[] {
  return events.map((e) => {
    if (e.type === 'step') return `step:${e.id}:${e.status}:${e.label}`;
    if (e.type === 'started') return `started:${e.upstreamRunId}:${e.upstreamSessionId}`;
    if (e.type === 'file') return `file:${e.name}:${e.contentType}`;
    return e.type;
  });
}

export { collectEvents as collect, textOf } from '../../contracts/provider-contract.js';
