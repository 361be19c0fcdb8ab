import { describe, expect, it } from 'vitest';
import { consumeEvents } from '../../src/runs/consume-events.js';
import type { StepState, TurnDisplay } from '../../src/runs/run-updates.js';
import { buildRunRequest } from '../../src/runs/turn-request.js';
import { beginTurn, endTurn, markFileUploaded } from '../../src/runs/turn-records.js';
import type { RunEvent, TaskDefinition } from '../../src/providers/types.js';
import type { Session } from '../../src/store/session-schema.js';

function recordingDisplay() {
  const shown = { steps: [] as StepState[], text: '' };
  const display: TurnDisplay = {
    step: (step) => void shown.steps.push(step),
    text: (delta) => void (shown.text += delta),
    end: async () => {},
    attach: async () => true,
    abandon: async () => {},
  };
  return { display, shown };
}

async function* events(list: RunEvent[]): AsyncIterable<RunEvent> {
  yield* list;
}

const session = (): Session => ({
  id: 's1',
  provider: 'browser',
  taskId: 'browse',
  taskName: 'Browse',
  teamId: 'T1',
  userId: 'U1',
  channelId: 'C1',
  values: {},
  status: 'pending',
  turns: [],
  queue: [],
  createdAt: 0,
  updatedAt: 0,
});
const task: TaskDefinition = { provider: 'browser', id: 'browse', name: 'Browse', slug: 'browse', description: '', categories: [], inputs: [] };

describe('a turn with structured data, files and subjobs', () => {
  it('keeps the data and files out of the text, and passes a subjob\'s parent to the display', async () => {
    const { display, shown } = recordingDisplay();
    const result = await consumeEvents(
      events([
        { type: 'subjob', id: 'sub1', parentId: 'job1', status: 'running', label: 'Gather' },
        { type: 'text', delta: 'Found 2.' },
        { type: 'structured', data: [{ a: 1 }] },
        { type: 'file', name: 'page.html', contentType: 'text/html', content: '<html></html>' },
        { type: 'done' },
      ]),
      display,
      new AbortController().signal,
      async () => {},
      () => {},
    );
    expect(shown.text).toBe('Found 2.');
    expect(shown.steps).toEqual([{ id: 'sub1', parentId: 'job1', status: 'running', label: 'Gather' }]);
    expect(result).toEqual({ ended: 'done', output: 'Found 2.', structured: [{ a: 1 }], files: [{ name: 'page.html', contentType: 'text/html', content: '<html></html>' }] });
  });

  it('saves the data and the file names (not their content) on the turn, and records an upload once', () => {
    const s = session();
    beginTurn(s, { id: 't1', requestedBy: 'U1' }, 1);
    endTurn(s, 't1', { status: 'done', output: '', structured: { a: 1 }, files: [{ name: 'page.html', contentType: 'text/html', content: 'x'.repeat(10) }] }, 2);
    expect(s.turns[0]).toMatchObject({ structured: { a: 1 }, files: [{ name: 'page.html', uploaded: false }] });
    markFileUploaded(s, 't1', 'page.html');
    expect(s.turns[0]?.files).toEqual([{ name: 'page.html', uploaded: true }]);
  });

  it('gives a follow-up the earlier turn\'s data, even when it had no text', () => {
    const s = session();
    beginTurn(s, { id: 't1', requestedBy: 'U1' }, 1);
    endTurn(s, 't1', { status: 'done', output: '', structured: { a: 1 } }, 2);
    s.activeTurnId = undefined;
    beginTurn(s, { id: 't2', instruction: 'more', requestedBy: 'U1' }, 3);
    const request = buildRunRequest(s, s.turns[1]!, task, new AbortController().signal);
    expect(request.continuation?.history).toEqual([{ output: '', structured: { a: 1 } }]);
  });
});
