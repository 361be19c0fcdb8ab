/** Each provider's follow-up carries the structured data the turn before returned, its own way. */
import { describe, expect, it } from 'vitest';
import { buildTaskBody } from '../../src/providers/browser-agent/build-task-body.js';
import { browseTask, TASK_INPUT as BROWSE_TASK_INPUT } from '../../src/providers/browser-agent/browser-agent-task.js';
import { buildInvokeBody } from '../../src/providers/jarvis/build-invoke-body.js';
import { jarvisTask, TASK_INPUT as JARVIS_TASK_INPUT } from '../../src/providers/jarvis/jarvis-tasks.js';
import { buildRunBody } from '../../src/providers/jasper/build-run-body.js';
import { buildTemplateRunBody } from '../../src/providers/jasper/build-template-run-body.js';
import { mapJasperTemplate } from '../../src/providers/jasper/map-jasper-template.js';
import { jasperTemplateSchema } from '../../src/providers/jasper/template-schemas.js';
import { jasperTaskSchema } from '../../src/providers/jasper/jasper-schemas.js';
import { mapJasperTask } from '../../src/providers/jasper/map-jasper-task.js';
import { buildJobBrief } from '../../src/providers/jobs/build-job-brief.js';
import { jobsTask, OBJECTIVE_INPUT } from '../../src/providers/jobs/jobs-tasks.js';
import type { RunRequest } from '../../src/providers/types.js';
import { BLOG_INTRO_TEMPLATE, BLOG_POST_TASK } from '../fakes/fake-jasper.js';

const DATA = [{ title: 'Top story', points: 412 }];
const continuation = (upstreamSessionId?: string): NonNullable<RunRequest['continuation']> => ({
  instruction: 'only the first one',
  history: [{ output: 'Found 1 story.', structured: DATA }],
  ...(upstreamSessionId ? { upstreamSessionId } : {}),
});
const signal = new AbortController().signal;

describe('a follow-up carries the earlier structured data', () => {
  it('browser agent: with the sessionId, the data goes beside the instruction', () => {
    const body = buildTaskBody({ task: browseTask(), values: { [BROWSE_TASK_INPUT]: 'find stories' }, continuation: continuation('sess_1'), signal, onBehalfOf: { teamId: 'T1', userId: 'U1' } });
    expect(body.sessionId).toBe('sess_1');
    expect(body.task).toBe(`only the first one\n\nThe structured data you returned then (JSON):\n${JSON.stringify(DATA)}`);
  });

  it('browser agent: without a sessionId, the data is in the new session\'s task text', () => {
    const body = buildTaskBody({ task: browseTask(), values: { [BROWSE_TASK_INPUT]: 'find stories' }, continuation: continuation(), signal, onBehalfOf: { teamId: 'T1', userId: 'U1' } });
    expect(body.task).toContain(JSON.stringify(DATA));
  });

  it('Jarvis: in context, as JSON text', () => {
    const body = buildInvokeBody({ task: jarvisTask('paperclip'), values: { [JARVIS_TASK_INPUT]: 'find stories' }, continuation: continuation(), signal });
    expect(body.context?.previous_data).toBe(JSON.stringify(DATA));
  });

  it('jobs: in the brief\'s context', () => {
    const brief = buildJobBrief({ task: jobsTask({ id: 'agt_01', label: 'Researcher' }), values: { [OBJECTIVE_INPUT]: 'find stories' }, continuation: continuation(), signal });
    expect(brief.context).toContain(`Earlier result data (JSON):\n${JSON.stringify(DATA)}`);
  });

  it('Jasper: as text in a context item', () => {
    const body = buildRunBody({ task: mapJasperTask(jasperTaskSchema.parse(BLOG_POST_TASK)), values: {}, continuation: continuation() });
    expect(body.contextItems).toContainEqual(expect.objectContaining({ name: 'Previous data', answer: JSON.stringify(DATA) }));
  });

  it('Jasper templates: as text in the context input', () => {
    const raw = jasperTemplateSchema.parse(BLOG_INTRO_TEMPLATE);
    const { inputs } = buildTemplateRunBody({ task: mapJasperTemplate(raw), values: { blogTitle: 'T' }, continuation: continuation() }, raw);
    expect(inputs.additionalContext).toContain(`Previous data (JSON):\n${JSON.stringify(DATA)}`);
  });
});
