import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { ACTION } from '../../thread/render/action-ids.js';
import { decodeRunButton, encodeRunButton } from '../../thread/render/run-button.js';
import { isBusy } from '../../../runs/turn-records.js';
import type { SlackServices } from '../../services/slack-services.js';
import { readButton, tellClicker, type ButtonArgs } from './button-context.js';
import { sessionForAction, type RunOwnerServices } from './run-owner.js';

/**
 * Retry (after a failure) or Run again (after a cancel): the same inputs, as a new turn in the same thread. A button
 * whose turn is no longer the session's last (the run was run again since, or the click is replayed) starts nothing:
 * the clicker is asked once, with a "Run again" that names the last turn.
 */
export function retryRun(services: Pick<SlackServices, 'runs'> & RunOwnerServices) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const button = readButton(args);
    if (!button) return;
    const { sessionId, turnId } = decodeRunButton(button.value);
    const session = await sessionForAction(services, args, 'retry', sessionId, button.userId);
    if (!session) return;
    const last = session.turns.at(-1);
    if (isBusy(session)) {
      await tellClicker(args, 'A run is already going in this thread.');
      return;
    }
    if (turnId && last && last.id !== turnId) {
      await askToRunAgain(args, encodeRunButton({ sessionId: session.id, turnId: last.id }));
      return;
    }
    try {
      if (await services.runs.retry(session.id, button.userId)) await markUsed(args, button.userId);
      else await tellClicker(args, 'A run is already going in this thread (or the session has expired).');
    } catch (error) {
      args.logger.error(`Retry failed: ${String(error)}`);
      await tellClicker(args, "I couldn't restart this run: the session store is not reachable. Try again in a minute.");
    }
  };
}

const clickedMessage = z.object({
  container: z.object({ is_ephemeral: z.boolean().optional() }).optional(),
  message: z.object({ text: z.string().optional(), blocks: z.array(z.object({ type: z.string() }).passthrough()).optional() }).optional(),
});

/**
 * The message whose Retry (or Run again) was pressed keeps what it said and loses its button, saying who ran it again:
 * a used button must not look live. An ephemeral "Run again" question is left as it is.
 */
async function markUsed(args: ButtonArgs, userId: string): Promise<void> {
  const parsed = clickedMessage.safeParse(args.body);
  const message = parsed.success ? parsed.data.message : undefined;
  if (!message?.blocks || parsed.data?.container?.is_ephemeral || typeof args.respond !== 'function' || !args.body.response_url) return;
  // Our own message as Slack gives it back: its blocks are the ones the bot posted.
  const kept = message.blocks.filter((block) => block.type !== 'actions') as unknown as KnownBlock[];
  const blocks: KnownBlock[] = [...kept, { type: 'context', elements: [{ type: 'mrkdwn', text: `↻ Run again by <@${userId}>` }] }];
  await args.respond({ replace_original: true, text: message.text ?? 'Run again', blocks }).catch((error: unknown) => args.logger.warn(`Could not mark a used Retry: ${String(error)}`));
}

async function askToRunAgain(args: ButtonArgs, value: string): Promise<void> {
  const text = 'This run has already been run again since. Run it once more with the same inputs?';
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text } },
    { type: 'actions', elements: [{ type: 'button', action_id: ACTION.retryConfirm, text: { type: 'plain_text', text: 'Run again' }, value }] },
  ];
  if (typeof args.respond === 'function' && args.body.response_url) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text, blocks }).catch(() => undefined);
    return;
  }
  await tellClicker(args, text);
}
