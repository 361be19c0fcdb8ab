/** The jobs API lists no agents: each agent `JOBS_AGENTS` names is one task, its inputs the job brief's fields. */
import { slugify } from '../slug.js';
import type { InputField, TaskDefinition } from '../types.js';

export const JOBS_PROVIDER_ID = 'jobs';

/** Input ids are the brief's field names. */
export const OBJECTIVE_INPUT = 'objective';
export const CONTEXT_INPUT = 'context';
export const OUTPUT_SCHEMA_INPUT = 'output_schema';
export const CONSTRAINTS_INPUT = 'constraints';

export interface JobsAgentLabel {
  id: string;
  label: string;
}

const INPUTS: InputField[] = [
  { id: OBJECTIVE_INPUT, name: 'Objective', slug: 'objective', kind: 'long_text', question: 'What should the agent accomplish?', required: true, upstreamType: 'objective' },
  { id: CONTEXT_INPUT, name: 'Context', slug: 'context', kind: 'long_text', question: 'What background should the agent know?', required: false, upstreamType: 'context' },
  {
    id: OUTPUT_SCHEMA_INPUT,
    name: 'Output schema',
    slug: 'output-schema',
    kind: 'json_schema',
    role: 'output_schema',
    question: 'What shape should the result have? A JSON Schema object.',
    hint: 'For example {"type":"object","properties":{"summary":{"type":"string"}}}.',
    required: false,
    upstreamType: 'output_schema',
  },
  {
    id: CONSTRAINTS_INPUT,
    name: 'Constraints',
    slug: 'constraints',
    kind: 'key_value',
    question: 'Any limits? One `key: value` (or `key=value`) a line.',
    hint: 'For example `max_minutes: 10` on one line and `tools: web_search` on the next; numbers and true/false are sent as such.',
    required: false,
    upstreamType: 'constraints',
  },
];

export function jobsTask(agent: JobsAgentLabel): TaskDefinition {
  return {
    provider: JOBS_PROVIDER_ID,
    id: agent.id,
    name: agent.label,
    slug: slugify(agent.label),
    description: `Send a job to ${agent.label}: it works on it in the background, with its progress and subjobs shown as it goes, and the result when it has finished.`,
    categories: ['Jobs'],
    inputs: INPUTS.map((input) => ({ ...input })),
  };
}
