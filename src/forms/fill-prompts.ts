import type { FillEffect } from '../conversation/fill-effect.js';
import type { TaskDefinition } from '../providers/types.js';
import { renderAsk, renderClarify } from './fill-prompts/ask.js';
import type { FillMessage } from './fill-prompts/blocks.js';
import { renderRecorded, renderShort, renderSummary, renderUnderstood, renderWhichInput } from './fill-prompts/summary.js';

export type { FillMessage } from './fill-prompts/blocks.js';
export { OPTION_BUTTONS_MAX } from './fill-prompts/ask.js';
export { renderNoTask, renderTaskChoices, TASK_CHOICES_MAX, taskChoiceValue } from './fill-prompts/tasks.js';

/** A Slack user id as it may go inside `<@...>`: anything else is not mentioned. */
const USER_ID = /^[UW][A-Z0-9]{1,30}$/;

/**
 * What the thread should show for one effect of the fill machine, or null when nothing is shown (`stale`, `closed`)
 * or the caller acts instead (`run`). Plain texts in effects are escaped; every Block Kit limit is kept.
 */
export function renderFillEffect(task: TaskDefinition, effect: FillEffect): FillMessage | null {
  switch (effect.type) {
    case 'ask':
      return renderAsk(effect);
    case 'clarify':
      return renderClarify(effect);
    case 'recorded':
      return renderRecorded(effect);
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
    case 'closed':
    case 'run':
      return null;
  }
}
