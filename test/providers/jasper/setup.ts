import { createJasperProvider, type JasperProviderOptions } from '../../../src/providers/jasper/index.js';
import type { InputValues, Provider, RunEvent, RunRequest, TaskDefinition } from '../../../src/providers/types.js';
import type { FakeJasper } from '../../fakes/fake-jasper.js';

/** Back-off in milliseconds, not seconds: tests stay fast and still go through the retry path. */
export const FAST_RETRY = { initialDelayMs: 1, maxDelayMs: 4 } as const;

export function jasperFor(fake: FakeJasper, options: Partial<JasperProviderOptions> = {}): Provider {
  return createJasperProvider({ apiKey: fake.apiKey, baseURL: fake.baseURL, retry: FAST_RETRY, ...options });
}

export function runRequest(task: TaskDefinition, values: InputValues = {}, extra: Partial<RunRequest> = {}): RunRequest {
  return { task, values, signal: new AbortController().signal, ...extra };
}

export { collectEvents as collect, textOf } from '../../contracts/provider-contract.js';

export function lastEvent(events: RunEvent[]): RunEvent {
  const last = events.at(-1);
  if (!last) throw new Error('no events');
  return last;
}

/** The id of a task's input by its name. */
export function inputId(task: TaskDefinition, name: string): string {
  const input = task.inputs.find((i) => i.name === name);
  if (!input) throw new Error(`no input ${name}`);
  return input.id;
}
