import { describe, expect, it } from 'vitest';
import { browseTask } from '../../src/providers/browser-agent/browser-agent-task.js';
import { jarvisTask } from '../../src/providers/jarvis/jarvis-tasks.js';
import { parseConstraints } from '../../src/providers/jobs/parse-constraints.js';
import { jobsTask } from '../../src/providers/jobs/jobs-tasks.js';

const kinds = (inputs: { slug: string; kind: string }[]) => Object.fromEntries(inputs.map((i) => [i.slug, i.kind]));

describe('the providers ask for their inputs with the kinds that check them', () => {
  it('Jarvis: Context is key/value lines', () => {
    expect(kinds(jarvisTask('paperclip').inputs)).toMatchObject({ task: 'long_text', context: 'key_value', priority: 'select' });
  });

  it('browser agent: Start URL, Output schema, Max steps 1..25, Include HTML', () => {
    const inputs = browseTask().inputs;
    expect(kinds(inputs)).toEqual({
      task: 'long_text',
      'start-url': 'url',
      'output-schema': 'json_schema',
      'max-steps': 'number',
      'include-html': 'checkbox',
    });
    expect(inputs.find((i) => i.slug === 'max-steps')).toMatchObject({ min: 1, max: 25 });
  });

  it('jobs: Context stays text (the brief takes a string), Output schema and Constraints are checked', () => {
    expect(kinds(jobsTask({ id: 'agt_01', label: 'Researcher' }).inputs)).toEqual({
      objective: 'long_text',
      context: 'long_text',
      'output-schema': 'json_schema',
      constraints: 'key_value',
    });
  });

  it('jobs constraints take "key=value" lines too, as the key_value kind does', () => {
    expect(parseConstraints('max_minutes=10\ntools: web_search')).toEqual({ max_minutes: 10, tools: 'web_search' });
    expect(() => parseConstraints('oops')).toThrow(/Constraints line 1/);
  });
});
