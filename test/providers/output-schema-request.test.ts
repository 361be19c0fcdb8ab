import { describe, expect, it } from 'vitest';
import { buildTaskBody } from '../../src/providers/browser-agent/build-task-body.js';
import { browseTask, SCHEMA_INPUT, TASK_INPUT } from '../../src/providers/browser-agent/browser-agent-task.js';
import { buildJobBrief } from '../../src/providers/jobs/build-job-brief.js';
import { jobsTask, OBJECTIVE_INPUT, OUTPUT_SCHEMA_INPUT } from '../../src/providers/jobs/jobs-tasks.js';
import { ProviderError } from '../../src/providers/errors.js';
import { buildRunRequest } from '../../src/runs/turn-request.js';
import { beginTurn } from '../../src/runs/turn-records.js';
import type { Session } from '../../src/store/session-schema.js';

const signal = new AbortController().signal;
const SCHEMA = { type: 'object', properties: { title: { type: 'string' } } };

/** A run's request carries its output JSON Schema (`RunRequest.outputSchema`): each API that takes one sends it. */
describe('RunRequest.outputSchema', () => {
  it('the tasks that take one mark their output-schema input', () => {
    expect(browseTask().inputs.find((i) => i.role === 'output_schema')?.id).toBe(SCHEMA_INPUT);
    expect(jobsTask({ id: 'agt_01', label: 'Researcher' }).inputs.find((i) => i.role === 'output_schema')?.id).toBe(OUTPUT_SCHEMA_INPUT);
  });

  it('the browser agent sends it as `schema`, and the jobs API as the brief\'s `output_schema`', () => {
    expect(buildTaskBody({ task: browseTask(), values: { [TASK_INPUT]: 'find stories' }, outputSchema: SCHEMA, signal, onBehalfOf: { teamId: 'T1', userId: 'U1' } }).schema).toEqual(SCHEMA);
    expect(buildJobBrief({ task: jobsTask({ id: 'agt_01', label: 'Researcher' }), values: { [OBJECTIVE_INPUT]: 'find stories' }, outputSchema: SCHEMA, signal }).output_schema).toEqual(SCHEMA);
  });

  it('one that is not a JSON Schema is refused before anything is sent, saying why', () => {
    const bad = { type: 42 };
    expect(() => buildTaskBody({ task: browseTask(), values: { [TASK_INPUT]: 'x' }, outputSchema: bad, signal, onBehalfOf: { teamId: 'T1', userId: 'U1' } })).toThrow(ProviderError);
    expect(() => buildJobBrief({ task: jobsTask({ id: 'agt_01', label: 'Researcher' }), values: { [OBJECTIVE_INPUT]: 'x' }, outputSchema: bad, signal })).toThrow(/not a JSON Schema/);
  });
});

describe('buildRunRequest', () => {
  const sessionWith = (values: Record<string, string>): Session => {
    const session: Session = { id: 's1', provider: 'browser', taskId: 'browse', taskName: 'Browse', teamId: 'T1', userId: 'U1', channelId: 'C1', threadTs: '1.1', values, status: 'pending', turns: [], queue: [], createdAt: 0, updatedAt: 0 };
    beginTurn(session, { id: 't1', requestedBy: 'U1' }, 0);
    return session;
  };

  it('puts the output-schema input into the request as data', () => {
    const session = sessionWith({ [TASK_INPUT]: 'x', [SCHEMA_INPUT]: JSON.stringify(SCHEMA) });
    expect(buildRunRequest(session, session.turns[0]!, browseTask(), signal).outputSchema).toEqual(SCHEMA);
  });

  it('leaves it out when the input is empty or not a JSON object (the adapter then refuses the text itself)', () => {
    for (const text of ['', '[1]', '{not json']) {
      const session = sessionWith({ [TASK_INPUT]: 'x', [SCHEMA_INPUT]: text });
      expect(buildRunRequest(session, session.turns[0]!, browseTask(), signal).outputSchema).toBeUndefined();
    }
  });
});
