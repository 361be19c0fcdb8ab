import { jsonSchemaProblem } from '../values/json-schema.js';
import { ProviderError } from '../errors.js';

/**
 * The Output schema input (a `json_schema` input) as the brief's `output_schema`. The form and the conversation check
 * it already; a value that reaches here unchecked is refused the same way, before anything is sent.
 */
export function parseOutputSchema(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'it is not JSON';
    throw new ProviderError('bad_request', `The Output schema is not valid JSON (${reason.slice(0, 120)}).`);
  }
  return checkOutputSchema(value);
}

/** A parsed output schema as the brief's `output_schema`, refused unless it is a JSON Schema object. */
export function checkOutputSchema(value: unknown): Record<string, unknown> {
  const problem = jsonSchemaProblem(value);
  if (problem !== undefined || typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProviderError('bad_request', `The Output schema is not a JSON Schema: ${problem ?? 'it must be a JSON object'}.`);
  }
  return { ...value };
}
