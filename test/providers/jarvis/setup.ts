import { createJarvisProvider, type JarvisProvider, type JarvisProviderOptions } from '../../../src/providers/jarvis/index.js';
import type { InputValues, RunRequest, TaskDefinition } from '../../../src/providers/types.js';
import type { FakeJarvis } from '../../fakes/fake-jarvis.js';

/** Milliseconds, not seconds: tests stay fast and still go through the back-off paths. */
export const FAST_RETRY = { initialDelayMs: 1, maxDelayMs: 4 } as const;
export const FAST_POLL = { initialDelayMs: 5, maxDelayMs: 20, factor: 2 } as const;

export function jarvisFor(fake: FakeJarvis, options: Partial<JarvisProviderOptions> = {}): JarvisProvider {
  return createJarvisProvider({ apiKey: fake.apiKey, baseURL: fake.url, retry: FAST_RETRY, poll: FAST_POLL, ...options });
}

export function runRequest(task: TaskDefinition, values: InputValues, extra: Partial<RunRequest> = {}): RunRequest {
  return { task, values, signal: new AbortController().signal, ...extra };
}

export { collectEvents as collect, textOf } from '../../contracts/provider-contract.js';
