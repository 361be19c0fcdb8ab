import type { FillEffect } from '../inputs/fill-effect.js';
import type { TaskDefinition } from '../providers/types.js';
import { renderAsk, renderClarify } from './fill-prompts/ask.js';
import type { FillMessage } from './fill-prompts/blocks.js';
import { renderShort, renderSummary, renderUnderstood, renderWhichInput } from './fill-prompts/summary.js';

export type { FillMessage } from './fill-prompts/blocks.js';
export { withLead } from './fill-prompts/blocks.js';
export { acknowledgement, OPTION_BUTTONS_MAX, type QuestionOutcome, renderClosedQuestion } from './fill-prompts/ask.js';
export { renderSummary, type SummaryMode } from './fill-prompts/summary.js';
export { renderNoTask, renderTaskChoices, TASK_CHOICES_MAX, taskChoiceValue, type TaskNaming } from './fill-prompts/tasks.js';

/** A Slack user id as it may go inside `<@...>`: anything else is not mentioned. */
const USER_ID = /^[UW][A-Z0-9]{1,30}$/;

/**
 * What the thread should show for one effect of the fill machine, or null when the caller acts instead (`recorded`
 * edits the question's message, `run` starts the run). A click that changes nothing (`stale`, `closed`) is told why,
 * only to the person who clicked. Plain texts in effects are escaped; every Block Kit limit is kept.
 */
export function renderFillEffect(task: TaskDefinition, effect: FillEffect): FillMessage | null {
  switch (effect.type) {
    case 'ask':
      return renderAsk(effect);
    case 'clarify':
      return renderClarify(effect);
    case 'summary':
      return renderSummary(task, effect);
    case 'understood':
      return renderUnderstood(task, effect.values);
    case 'which_input':
      return renderWhichInput(effect);
    case 'nothing_to_go_back_to':
      return renderShort("There's nothing to go back to: this is the first question I asked.");
    case 'not_owner': {
      const owner = USER_ID.test(effect.ownerId) ? `<@${effect.ownerId}>'s` : "someone else's";
      return renderShort(`This thread belongs to ${owner} run. Mention me in the channel to start your own.`, 'ephemeral');
    }
    case 'cancelled':
      return renderShort('Cancelled. Nothing was run.');
    case 'stale':
      return renderShort('That question was already answered, so nothing changed. The open question is the last one I asked.', 'ephemeral');
    case 'closed':
      return renderShort(
        effect.phase === 'running' ? 'This task has already started: follow it in this thread.' : 'This was cancelled, so nothing changed. Mention me to start again.',
        'ephemeral',
      );
    case 'recorded':
    case 'run':
      return null;
  }
}
