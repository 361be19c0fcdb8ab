import { ProviderError } from '../errors.js';
import type { InputValue, RunRequest } from '../types.js';
import { MAX_STEPS, type BrowserAgentTaskBody } from './browser-agent-schemas.js';
import { BROWSE_TASK_ID, HTML_DUMP_INPUT, MAX_STEPS_INPUT, SCHEMA_INPUT, START_URL_INPUT, TASK_INPUT } from './browser-agent-task.js';
import { jsonSchemaProblem } from '../values/json-schema.js';
import { endUserIdOf } from './end-user-id.js';

const SHOWN = 40;

/**
 * The submit body for a run. Every input the API would refuse, or that cannot be sent, is refused here first with a
 * `bad_request` ProviderError whose message names the input and what to fix.
 *
 * A follow-up sends the earlier `sessionId` with the new instruction as the task: the agent goes on where it was, so
 * the start URL is left out. Without a session id (the turn before never reached the agent) the new session gets the
 * original task, the last answer and the instruction in its task text instead.
 */
export function buildTaskBody(request: RunRequest): BrowserAgentTaskBody {
  if (request.task.id !== BROWSE_TASK_ID) throw new ProviderError('not_found', `The browser agent has no task "${request.task.id.slice(0, SHOWN)}"; its one task is Browse.`);
  const { values } = request;
  const task = textOf(values[TASK_INPUT]).trim();
  if (task === '') throw refuse('The Task is empty: say what the browser agent should do.');
  const startUrl = startUrlOf(values[START_URL_INPUT]);
  const schema = request.outputSchema ? checkedSchema(request.outputSchema) : schemaOf(values[SCHEMA_INPUT]);
  const maxSteps = maxStepsOf(values[MAX_STEPS_INPUT]);
  const htmlDump = checkboxOf(values[HTML_DUMP_INPUT]);
  const extras = (request.extra ?? []).filter((extra) => extra.answer.trim() !== '').map((extra) => `${extra.name}: ${extra.answer.trim()}`);

  const options: Omit<BrowserAgentTaskBody, 'endUserId' | 'task'> = {
    ...(schema ? { schema } : {}),
    ...(maxSteps !== undefined ? { maxSteps } : {}),
    ...(htmlDump ? { include_html_dump: true } : {}),
  };
  const endUserId = endUserIdOf(request);
  const continuation = request.continuation;
  const lastData = dataText(continuation?.history.at(-1)?.structured);
  if (continuation?.upstreamSessionId) {
    // The session holds what the agent saw; the data it returned goes along so the instruction can refer to it.
    const task = lastData ? `${continuation.instruction}\n\nThe structured data you returned then (JSON):\n${lastData}` : continuation.instruction;
    return { endUserId, task, sessionId: continuation.upstreamSessionId, ...options };
  }
  const fresh = { endUserId, ...(startUrl ? { startUrl } : {}), ...options };
  const original = [task, ...extras].join('\n\n');
  if (!continuation) return { ...fresh, task: original };
  const last = continuation.history.at(-1);
  const before = last
    ? [`Earlier task: ${last.instruction ?? original}`, `Your answer then:\n${last.output}`, ...(lastData ? [`The structured data you returned then (JSON):\n${lastData}`] : [])]
    : [`Earlier task: ${original}`];
  return { ...fresh, task: [...before, `Now: ${continuation.instruction}`].join('\n\n') };
}

function dataText(data: unknown): string | undefined {
  return data === undefined ? undefined : JSON.stringify(data);
}

function refuse(message: string): ProviderError {
  return new ProviderError('bad_request', message);
}

function textOf(value: InputValue | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join('\n') : value;
}

function startUrlOf(value: InputValue | undefined): string | undefined {
  const text = textOf(value).trim();
  if (text === '') return undefined;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url) throw refuse(`The Start URL "${text.slice(0, SHOWN)}" is not a web address: give a full one such as https://example.com/page.`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refuse(`The Start URL must start with http:// or https:// (not ${url.protocol}): the browser agent only opens web pages.`);
  }
  return text;
}

function schemaOf(value: InputValue | undefined): Record<string, unknown> | undefined {
  const text = textOf(value).trim();
  if (text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.slice(0, 80) : 'it does not parse';
    throw refuse(`The Output schema is not valid JSON (${why}): paste a JSON Schema such as {"type":"object","properties":{"title":{"type":"string"}}}.`);
  }
  return checkedSchema(parsed);
}

/** A parsed output schema, refused (with the first problem in words) unless it is a JSON Schema object. */
function checkedSchema(parsed: unknown): Record<string, unknown> {
  const problem = jsonSchemaProblem(parsed);
  if (problem !== undefined || typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw refuse(`The Output schema is not a JSON Schema: ${problem ?? 'it must be a JSON object'}.`);
  }
  return { ...parsed };
}

function maxStepsOf(value: InputValue | undefined): number | undefined {
  const text = textOf(value).trim();
  if (text === '') return undefined;
  const steps = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(steps >= 1 && steps <= MAX_STEPS)) throw refuse(`Max steps must be a whole number from 1 to ${MAX_STEPS} (not "${text.slice(0, SHOWN)}").`);
  return steps;
}

function checkboxOf(value: InputValue | undefined): boolean {
  const text = textOf(value).trim().toLowerCase();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  throw refuse(`Include HTML must be ticked or not (true or false, not "${text.slice(0, SHOWN)}").`);
}
