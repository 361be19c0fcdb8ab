import type { KnownBlock } from '@slack/types';
import { SECTION_TEXT } from '../../../forms/limits.js';
import { markdownToMrkdwn } from '../../../forms/markdown.js';
import { escapeMrkdwn } from '../../../forms/untrusted.js';
import type { StepState } from '../progress-pacer.js';
import { nestSteps, stepIndent } from './step-tree.js';

const STEP_ICON = { running: ':hourglass_flowing_sand:', completed: ':white_check_mark:', failed: ':x:' } as const;
/** How much of the output the progress message previews while the run goes on; the whole output is posted at the end. */
const PREVIEW_CHARS = 2_400;

/** The progress message of the edit-based fallback: the steps so far and the tail of the output. */
export function progressBlocks(steps: readonly StepState[], text: string, running: boolean): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (steps.length > 0) {
    // Subjobs nest under their parent step, each with its own status.
    const lines = nestSteps(steps).map(({ step, depth }) => `${stepIndent(depth)}${STEP_ICON[step.status]} ${escapeMrkdwn(step.label)}`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fitLines(lines) } });
  }
  if (running && text) {
    const tail = text.length > PREVIEW_CHARS ? `…${text.slice(-PREVIEW_CHARS)}` : text;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: markdownToMrkdwn(tail).slice(0, SECTION_TEXT) } });
  }
  if (running) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: ':hourglass_flowing_sand: Working…' }] });
  if (blocks.length === 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Finished.' }] });
  return blocks;
}

/** Keeps the newest step lines within a section's limit, saying how many earlier ones are hidden. */
function fitLines(lines: string[]): string {
  let kept = lines;
  while (kept.join('\n').length > SECTION_TEXT - 40 && kept.length > 1) kept = kept.slice(1);
  const hidden = lines.length - kept.length;
  const text = kept.join('\n').slice(0, SECTION_TEXT - 40);
  return hidden > 0 ? `_${hidden} earlier steps_\n${text}` : text;
}
