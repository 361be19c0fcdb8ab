import { ProviderError } from '../errors.js';
import type { InputValue, RunRequest } from '../types.js';
import type { JobBrief } from './jobs-schemas.js';
import { CONSTRAINTS_INPUT, CONTEXT_INPUT, OBJECTIVE_INPUT, OUTPUT_SCHEMA_INPUT } from './jobs-tasks.js';
import { parseConstraints } from './parse-constraints.js';
import { checkOutputSchema, parseOutputSchema } from './parse-output-schema.js';

/**
 * The brief for a run. A follow-up sends the new instruction as the objective and the turn it follows in the context
 * (the jobs API keeps no sessions); the output schema and constraints stay. Throws a `bad_request` ProviderError, with
 * a sentence for the user, for inputs that cannot be sent.
 */
export function buildJobBrief(request: RunRequest): JobBrief {
  const objective = textOf(request.values[OBJECTIVE_INPUT]).trim();
  if (objective === '') throw new ProviderError('bad_request', 'The Objective is empty: say what the agent should accomplish.');
  const schemaText = textOf(request.values[OUTPUT_SCHEMA_INPUT]).trim();
  const constraints = parseConstraints(textOf(request.values[CONSTRAINTS_INPUT]));
  const sections = [textOf(request.values[CONTEXT_INPUT]).trim()];
  for (const extra of request.extra ?? []) if (extra.answer.trim() !== '') sections.push(`${extra.name}: ${extra.answer.trim()}`);

  const continuation = request.continuation;
  const last = continuation?.history.at(-1);
  if (last) sections.push(`Earlier objective: ${last.instruction ?? objective}`, `Earlier result:\n${last.output}`);
  if (last?.structured !== undefined) sections.push(`Earlier result data (JSON):\n${JSON.stringify(last.structured)}`);
  const context = sections.filter((s) => s !== '').join('\n\n');
  return {
    objective: continuation ? continuation.instruction : objective,
    ...(context !== '' ? { context } : {}),
    ...(request.outputSchema ? { output_schema: checkOutputSchema(request.outputSchema) } : schemaText !== '' ? { output_schema: parseOutputSchema(schemaText) } : {}),
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
}

function textOf(value: InputValue | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join('\n') : value;
}
