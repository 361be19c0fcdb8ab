/** How a fake browser agent task moves through its statuses, and what it answers. */

export type TaskOutcome = { result: string } | { error: string } | { cancelled: true };

export interface BrowserAgentScript {
  /** Task records that say `pending` before the task runs (default 1; 0: the first poll says `running`). */
  pollsUntilRunning?: number;
  /** Task records that say `running` before it ends (default 1). A huge number holds it until `finish`. */
  pollsUntilDone?: number;
  /** Its text result when completed (default: see `defaultResult`). */
  result?: string;
  /** When set, it fails with this error instead. */
  error?: string;
  /** When true, it ends `cancelled` instead. */
  cancelled?: boolean;
  /** `structured_content` when a schema was given (default: an object built to fit the schema). */
  structured?: Record<string, unknown>;
}

export interface ScriptedTask {
  script: BrowserAgentScript;
  /** Task records given so far, this one included. */
  polls: number;
  forced?: TaskOutcome;
}

export type Stage = 'pending' | 'running' | 'done';

/** Never goes backwards: the poll count only grows. */
export function stageOf(task: ScriptedTask): Stage {
  if (task.forced) return 'done';
  const pending = task.script.pollsUntilRunning ?? 1;
  const running = task.script.pollsUntilDone ?? 1;
  if (task.polls <= pending) return 'pending';
  return task.polls <= pending + running ? 'running' : 'done';
}

export function outcomeOf(task: ScriptedTask, defaultResult: string): TaskOutcome {
  if (task.forced) return task.forced;
  if (task.script.cancelled) return { cancelled: true };
  if (task.script.error !== undefined) return { error: task.script.error };
  return { result: task.script.result ?? defaultResult };
}

/** A value that fits a JSON Schema's main keywords (type, properties, items, enum, const): what a completed task returns. */
export function sampleFor(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return null;
  const s = schema as Record<string, unknown>;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0] ?? null;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return 'sample';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return [sampleFor(s.items)];
    default: {
      const properties = typeof s.properties === 'object' && s.properties !== null ? (s.properties as Record<string, unknown>) : {};
      return Object.fromEntries(Object.entries(properties).map(([name, sub]) => [name, sampleFor(sub)]));
    }
  }
}
