/** How a fake Jarvis task moves through its statuses. */

export type TaskOutcome = { result: string } | { error: string };

export interface JarvisScript {
  /** Status answers that say `queued` before the task runs (default 1; 0: the first answer says `running`). */
  pollsUntilRunning?: number;
  /** Status answers that say `running` before it ends (default 1). A huge number holds it until `finish`. */
  pollsUntilDone?: number;
  /** Time-based instead of counted: ms from the invoke until it runs (default 0). */
  runningAfterMs?: number;
  /** Time-based instead of counted: ms from the invoke until it ends. */
  doneAfterMs?: number;
  /** Its result when completed (default: the agent and its task, see `defaultResult`). */
  result?: string;
  /** When set, it fails with this error instead. */
  error?: string;
}

export interface ScriptedTask {
  script: JarvisScript;
  /** Status answers given so far, this one included. */
  polls: number;
  createdMs: number;
  forced?: TaskOutcome;
}

export type Stage = 'queued' | 'running' | 'done';

/** Never goes backwards: both the poll count and the time only grow. */
export function stageOf(task: ScriptedTask, now: number): Stage {
  if (task.forced) return 'done';
  const { script } = task;
  if (script.runningAfterMs !== undefined || script.doneAfterMs !== undefined) {
    const age = now - task.createdMs;
    if (script.doneAfterMs !== undefined && age >= script.doneAfterMs) return 'done';
    return age >= (script.runningAfterMs ?? 0) ? 'running' : 'queued';
  }
  const queued = script.pollsUntilRunning ?? 1;
  const running = script.pollsUntilDone ?? 1;
  if (task.polls <= queued) return 'queued';
  return task.polls <= queued + running ? 'running' : 'done';
}

export function outcomeOf(task: ScriptedTask, defaultResult: string): TaskOutcome {
  if (task.forced) return task.forced;
  if (task.script.error !== undefined) return { error: task.script.error };
  return { result: task.script.result ?? defaultResult };
}
