import type { KnownBlock } from '@slack/types';
import type { FillEffect } from '../../inputs/fill-effect.js';
import type { InputField, InputValue, InputValues, TaskDefinition } from '../../providers/types.js';
import { FILL_ACTION } from '../fill-actions.js';
import { summariseInputs } from '../input-summary.js';
import { SECTION_TEXT } from '../limits.js';
import { actions, button, context, type FillMessage, mrkdwnWithin, section, showValue } from './blocks.js';

type Summary = Extract<FillEffect, { type: 'summary' }>;
type WhichInput = Extract<FillEffect, { type: 'which_input' }>;

const NAME_MAX = 80;
/** Room for the summary's input lines: the whole message stays well under Slack's ~13,000 characters of blocks. */
const SUMMARY_LINES_BUDGET = 9000;
const EMPTY = '—';
const INPUTS_LISTED = 15;

const valueOf = (values: InputValues, id: string): InputValue | undefined => (Object.hasOwn(values, id) ? values[id] : undefined);
const isAnswered = (v: InputValue | undefined): v is InputValue => v !== undefined && v.length > 0;
const name = (field: InputField) => mrkdwnWithin(field.name.trim() || field.slug || field.id, NAME_MAX);

/** Packs lines into as few sections as hold them. */
function packLines(lines: readonly string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > SECTION_TEXT) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) blocks.push(section(current));
  return blocks;
}

/** How a summary reads: open (Run, Edit, Cancel), or once it no longer applies, without its buttons. */
export type SummaryMode = 'open' | 'started' | 'superseded' | 'cancelled';

const SUMMARY_HEADING: Record<SummaryMode, (task: string) => string> = {
  open: (task) => `Ready to run *${task}* with:`,
  started: (task) => `:arrow_forward: Started *${task}* with:`,
  superseded: (task) => `Ready to run *${task}* with:`,
  cancelled: (task) => `Cancelled *${task}*. It would have run with:`,
};
const SUMMARY_AFTER: Record<Exclude<SummaryMode, 'open'>, string> = {
  started: 'The run is below in this thread.',
  superseded: '_Changed below._',
  cancelled: '',
};

/**
 * Every input with its answer ("—" when empty or skipped). Open: then Run, Edit and Cancel. Otherwise the buttons give
 * way to what happened (the run started, an answer changed it, it was cancelled), so an old summary never looks live.
 */
export function renderSummary(task: TaskDefinition, effect: Omit<Summary, 'type'>, mode: SummaryMode = 'open'): FillMessage {
  const count = Math.max(1, task.inputs.length);
  const valueMax = Math.max(20, Math.min(300, Math.floor(SUMMARY_LINES_BUDGET / count) - NAME_MAX / 2));
  const lines: string[] = [];
  let used = 0;
  for (const [i, field] of task.inputs.entries()) {
    const value = valueOf(effect.values, field.id);
    const shown = isAnswered(value) ? mrkdwnWithin(showValue(field, value), valueMax) || EMPTY : EMPTY;
    const line = `*${name(field)}:* ${shown}`;
    if (used + line.length > SUMMARY_LINES_BUDGET) {
      lines.push(`…and ${task.inputs.length - i} more${mode === 'open' ? ': use Edit to see them all' : ''}.`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  if (lines.length === 0) lines.push('_This task has no inputs._');
  const problem = mode === 'open' && effect.problem?.trim() ? `:warning: ${mrkdwnWithin(effect.problem.trim(), 1500)}` : '';
  const taskName = mrkdwnWithin(task.name.trim() || task.slug, 150);
  const controls =
    mode === 'open'
      ? actions([button('Run', FILL_ACTION.confirm, undefined, 'primary'), button('Edit', FILL_ACTION.edit), button('Cancel', FILL_ACTION.cancel)])
      : context([SUMMARY_AFTER[mode]]);
  const blocks: KnownBlock[] = [...(problem ? [section(problem)] : []), section(SUMMARY_HEADING[mode](taskName)), ...packLines(lines), ...controls];
  const brief = summariseInputs(task, effect.values, 1000);
  const lead = mode === 'started' ? `Started ${taskName}.` : mode === 'cancelled' ? `Cancelled ${taskName}.` : `Ready to run ${taskName}.`;
  const text = [problem, lead, brief].filter(Boolean).join(' ');
  return { placement: 'post', text, blocks };
}

/** What was pre-filled or extracted at the start, and how to correct it. */
export function renderUnderstood(task: TaskDefinition, values: InputValues): FillMessage {
  const brief = summariseInputs(task, values, 2400);
  const example = task.inputs.find((f) => isAnswered(valueOf(values, f.id)))?.slug;
  const how = example
    ? `Type \`change &lt;input&gt;\` (e.g. \`change ${mrkdwnWithin(example, 80)}\`) to correct anything.`
    : 'Type `change &lt;input&gt;` to correct anything.';
  const text = brief ? `Here's what I understood: ${brief}` : "Here's what I understood: nothing yet.";
  return { placement: 'post', text: `${text}\n${how}`, blocks: [section(`${text}\n${how}`)] };
}

/** "change <name>" named no input or several: the inputs it could be, and how to name one. */
export function renderWhichInput(effect: WhichInput): FillMessage {
  const typed = effect.typed.trim();
  const intro = typed ? `I'm not sure which input "${mrkdwnWithin(typed, 80)}" is.` : 'Which input do you want to change?';
  const listed = effect.inputs
    .slice(0, INPUTS_LISTED)
    .map((f) => `\`change ${mrkdwnWithin(f.slug || f.id, 80)}\` (${name(f)})`);
  const more = effect.inputs.length > INPUTS_LISTED ? ` and ${effect.inputs.length - INPUTS_LISTED} more` : '';
  const how = listed.length > 0 ? `Type one of: ${listed.join(', ')}${more}.` : 'This task has no inputs to change.';
  return { placement: 'post', text: `${intro} ${how}`, blocks: [section(`${intro}\n${how}`)] };
}

export function renderShort(text: string, placement: FillMessage['placement'] = 'post'): FillMessage {
  return { placement, text, blocks: [section(text)] };
}

