import type { QueuedReply } from '../../../store/session-schema.js';
import type { SlackServices } from '../../services/slack-services.js';
import { KEEP_WRITING_INSTRUCTION } from '../../replies/keep-writing-button.js';
import { readButton, tellClicker, type ButtonArgs } from './button-context.js';

/** A turn that continues the last output through the provider's keep-writing (`RunRequest.continuation.mode`). */
export type KeepWritingReply = QueuedReply & { mode: 'keep_writing' };

/** "Keep writing" under an output: a new turn of the same session, in its thread, queued behind a run in progress. */
export function keepWriting(services: Pick<SlackServices, 'command' | 'runs' | 'sessions'>) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const button = readButton(args);
    if (!button?.value) return;
    const session = await services.sessions.get(button.value).catch(() => undefined);
    if (!session) {
      await tellClicker(args, `That run is no longer kept, so I cannot continue it. Start a new run with \`${services.command} run\`.`);
      return;
    }
    const reply: KeepWritingReply = { text: KEEP_WRITING_INSTRUCTION, userId: button.userId, ts: args.body.actions[0]?.action_ts ?? String(Date.now() / 1000), mode: 'keep_writing' };
    try {
      const outcome = await services.runs.continueWith(session, reply);
      if (outcome === 'queued') await tellClicker(args, 'A run is still going in this thread; Jasper will keep writing right after it.');
    } catch (error) {
      args.logger.error(`Keep writing failed to start: ${String(error)}`);
      await tellClicker(args, "I couldn't start that just now (my storage did not answer). Press Keep writing again in a minute.");
    }
  };
}
