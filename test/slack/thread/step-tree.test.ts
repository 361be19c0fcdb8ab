import { describe, expect, it } from 'vitest';
import type { StepState } from '../../../src/runs/run-updates.js';
import { progressBlocks } from '../../../src/slack/thread/render/progress-blocks.js';
import { nestSteps } from '../../../src/slack/thread/render/step-tree.js';

const steps: StepState[] = [
  { id: 'queued', label: 'Waiting in the jobs queue', status: 'completed' },
  { id: 'sub_b', label: 'Summarise', status: 'running', parentId: 'job_1' },
  { id: 'running', label: 'Researcher is working', status: 'running' },
  { id: 'sub_a1', label: 'Read page 1', status: 'completed', parentId: 'sub_a' },
  { id: 'sub_a', label: 'Collect sources', status: 'failed', parentId: 'queued' },
];

describe('subjobs nest under their parent', () => {
  it('orders each step before the subjobs under it, depth first; a subjob of the job itself goes last, one level in', () => {
    expect(nestSteps(steps).map(({ step, depth, parent }) => [step.id, depth, parent?.id])).toEqual([
      ['queued', 0, undefined],
      ['sub_a', 1, 'queued'],
      ['sub_a1', 2, 'sub_a'],
      ['running', 0, undefined],
      ['sub_b', 1, undefined],
    ]);
  });

  it('shows no step twice and loses none in a parent cycle', () => {
    const cycle: StepState[] = [
      { id: 'a', label: 'A', status: 'running', parentId: 'b' },
      { id: 'b', label: 'B', status: 'running', parentId: 'a' },
    ];
    expect(nestSteps(cycle).map(({ step }) => step.id).sort()).toEqual(['a', 'b']);
  });

  it('indents subjobs with their own status in the edited progress message', () => {
    const section = progressBlocks(steps, '', false)[0] as { text: { text: string } };
    expect(section.text.text.split('\n')).toEqual([
      ':white_check_mark: Waiting in the jobs queue',
      '↳ :x: Collect sources',
      '\u2003↳ :white_check_mark: Read page 1',
      ':hourglass_flowing_sand: Researcher is working',
      '↳ :hourglass_flowing_sand: Summarise',
    ]);
  });
});
