/** The browser agent lists no tasks: it is offered as one task, "Browse", whose inputs are the submit body's fields. */
import type { InputField, TaskDefinition } from '../types.js';
import { MAX_STEPS } from './browser-agent-schemas.js';

export const BROWSER_AGENT_PROVIDER_ID = 'browser';
export const BROWSER_AGENT_NAME = 'Browser agent';
export const BROWSE_TASK_ID = 'browse';

/** Input ids are the submit body's field names. */
export const TASK_INPUT = 'task';
export const START_URL_INPUT = 'startUrl';
export const SCHEMA_INPUT = 'schema';
export const MAX_STEPS_INPUT = 'maxSteps';
export const HTML_DUMP_INPUT = 'include_html_dump';

const INPUTS: InputField[] = [
  { id: TASK_INPUT, name: 'Task', slug: 'task', kind: 'long_text', question: 'What should the browser agent do?', required: true, upstreamType: 'task' },
  {
    id: START_URL_INPUT,
    name: 'Start URL',
    slug: 'start-url',
    kind: 'url',
    question: 'Which page should it start from? (an http or https address)',
    hint: 'Optional: without it the agent finds the page itself.',
    required: false,
    upstreamType: 'startUrl',
  },
  {
    id: SCHEMA_INPUT,
    name: 'Output schema',
    slug: 'output-schema',
    kind: 'json_schema',
    role: 'output_schema',
    question: 'Want the answer as data? Paste a JSON Schema of its shape.',
    hint: 'Optional, e.g. {"type":"object","properties":{"title":{"type":"string"}}}',
    required: false,
    upstreamType: 'schema',
  },
  {
    id: MAX_STEPS_INPUT,
    name: 'Max steps',
    slug: 'max-steps',
    kind: 'number',
    min: 1,
    max: MAX_STEPS,
    question: `How many steps may it take at most? (1 to ${MAX_STEPS})`,
    hint: `Optional; default ${MAX_STEPS}.`,
    required: false,
    upstreamType: 'maxSteps',
  },
  {
    id: HTML_DUMP_INPUT,
    name: 'Include HTML',
    slug: 'include-html',
    kind: 'checkbox',
    question: "Attach the last page's HTML?",
    required: false,
    upstreamType: 'include_html_dump',
  },
];

export function browseTask(): TaskDefinition {
  return {
    provider: BROWSER_AGENT_PROVIDER_ID,
    id: BROWSE_TASK_ID,
    name: 'Browse',
    slug: 'browse',
    description: 'The browser agent opens web pages and works through them to do what you ask; it can answer as data shaped by a JSON Schema.',
    categories: [BROWSER_AGENT_NAME],
    inputs: INPUTS.map((input) => ({ ...input })),
  };
}
