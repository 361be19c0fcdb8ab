import { describe, expect, it } from 'vitest';
import { answerEvents, type FollowState } from '../../../src/providers/jobs/map-job-answer.js';
import type { Job } from '../../../src/providers/jobs/jobs-schemas.js';

const name = () => 'Researcher';
const context = { serviceName: 'The jobs API', secrets: ['jobs_secret_key'] };
const job = (fields: Partial<Job> & Pick<Job, 'status'>): Job => ({ id: 'job_1', ...fields });

describe('answerEvents', () => {
  it('never reports a status below one already reported, for the job or a subjob', () => {
    const state: FollowState = { status: 'running', subjobs: new Map([['sub_1', 'completed' as const]]) };
    const stale = answerEvents(state, job({ status: 'queued', subjobs: [{ id: 'sub_1', status: 'running' }] }), name, context);
    expect(stale.events).toEqual([]);
    expect(stale.state.status).toBe('running');
    expect(stale.state.subjobs.get('sub_1')).toBe('completed');
  });

  it('gives a subjob of a subjob its own parent, and a failed subjob as failed', () => {
    const { events } = answerEvents(
      { status: 'running', subjobs: new Map() },
      job({ status: 'running', subjobs: [{ id: 'sub_2', parent_id: 'sub_1', status: 'cancelled', brief: { objective: 'Find  prices' } }] }),
      name,
      context,
    );
    expect(events).toEqual([{ type: 'subjob', id: 'sub_2', parentId: 'sub_1', status: 'failed', label: 'Researcher: Find prices' }]);
  });

  it('scrubs secrets from a failure reason', () => {
    const { events } = answerEvents({ status: 'running', subjobs: new Map() }, job({ status: 'failed', error: { message: 'Key jobs_secret_key was revoked.' } }), name, context);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { message: 'Researcher could not finish the job: Key [redacted] was revoked.' } });
  });
});
