import type { InputValues, RunRequest, TaskDefinition } from '../providers/types.js';
import type { Session, Turn } from '../store/session-schema.js';

/** What the provider is asked for a turn: the session's inputs, and for a follow-up what came before. */
export function buildRunRequest(session: Session, turn: Turn, task: TaskDefinition, signal: AbortSignal): RunRequest {
  return {
    task,
    values: session.values,
    brand: session.brand,
    extra: session.extraText ? [{ name: 'Anything else', question: 'Anything else the agent should know?', answer: session.extraText }] : undefined,
    signal,
    onBehalfOf: { teamId: session.teamId, userId: session.userId },
    ...outputSchemaOf(task, session.values),
    continuation: turn.instruction
      ? {
          instruction: turn.instruction,
          ...(turn.mode ? { mode: turn.mode } : {}),
          upstreamSessionId: session.upstreamSessionId,
          history: session.turns
            .filter((t) => t.id !== turn.id && (t.output || t.structured !== undefined))
            .map((t) => ({ instruction: t.instruction, output: t.output, ...(t.structured !== undefined ? { structured: t.structured } : {}) })),
        }
      : undefined,
  };
}

/**
 * The task's output-schema input as the request's `outputSchema`, when it holds a JSON object (the form and the
 * conversation have checked it is a JSON Schema; an adapter checks again before sending it).
 */
function outputSchemaOf(task: TaskDefinition, values: InputValues): Pick<RunRequest, 'outputSchema'> {
  const field = task.inputs.find((input) => input.role === 'output_schema');
  const text = field ? values[field.id] : undefined;
  if (typeof text !== 'string' || text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { outputSchema: { ...parsed } } : {};
  } catch {
    return {};
  }
}
