import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { ASK_BLOCK, readAskModal } from '../../../forms/ask-modal.js';
import { escapeMrkdwn } from '../../../forms/untrusted.js';
import { truncate } from '../../../forms/limits.js';
import { postOutput } from '../../thread/post-output.js';
import { slackErrorCode } from '../../thread/slack-errors.js';
import type { SlackServices } from '../../services/slack-services.js';
import { PendingMessageSchema } from '../../message-tools/pending-request.js';
import { tellUser } from '../../message-tools/tell-user.js';
import { threadText } from '../../message-tools/thread-text.js';
import { readViewSubmission } from '../../payloads.js';
import { featureError } from '../../replies/feature-error.js';
import { ASK_PENDING } from '../shortcuts/ask-jasper-shortcut.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The Ask Jasper form: the instruction goes to the command endpoint with the message (or thread) as context; the answer goes in the thread. */
export function askSubmission(services: Pick<SlackServices, 'catalogue' | 'pendingRequests'>) {
  return async ({ ack, body, client, logger }: Args): Promise<void> => {
    const submission = readViewSubmission(body, z.object({ id: z.string() }));
    if (!submission) return void (await ack());
    const read = readAskModal(submission.view.state.values);
    if (!read.ok) return void (await ack({ response_action: 'errors', errors: read.errors }));
    const pending = await services.pendingRequests.load(ASK_PENDING, submission.metadata.id, PendingMessageSchema).catch(() => undefined);
    if (!pending) {
      await ack({ response_action: 'errors', errors: { [ASK_BLOCK.instruction]: 'This form has expired. Close it and use the shortcut on the message again.' } });
      return;
    }
    await ack();
    const provider = services.catalogue.firstWith('completion');
    const userId = submission.user.id;
    const where = { channelId: pending.channelId, userId, threadTs: pending.threadTs };
    const command = provider?.completion.command?.bind(provider.completion);
    if (!provider || !command) return;
    const { wholeThread, ...request } = read.answers;
    let answer: string;
    let complete: boolean;
    try {
      const context = wholeThread ? await threadText(client, pending.channelId, pending.threadTs) : { text: pending.text, complete: true };
      complete = context.complete;
      answer = await command({ ...request, context: context.text });
    } catch (error) {
      logger.warn(`Ask Jasper failed: ${String(error)}`);
      const slack = slackErrorCode(error);
      await tellUser(client, where, slack ? `I couldn't read that thread from Slack (${slack}). Invite me to the channel with \`/invite @Jasper\`, then try again.` : featureError(error, provider, 'answering instructions', 'answer that'));
      return;
    }
    const asked = `<@${userId}> asked ${provider.displayName}: _${escapeMrkdwn(truncate(request.command.replace(/\s+/g, ' '), 300))}_${complete ? '' : ' (about the first 1,000 messages of this thread)'}`;
    try {
      await client.chat.postMessage({ channel: pending.channelId, thread_ts: pending.threadTs, text: asked });
      await postOutput(client, { channelId: pending.channelId, threadTs: pending.threadTs, teamId: submission.team?.id ?? '', userId }, answer);
    } catch (error) {
      const code = slackErrorCode(error) ?? 'unexpected error';
      logger.warn(`Could not post a Jasper answer: ${code}`);
      await tellUser(client, where, `${provider.displayName} answered, but I couldn't post in that thread (${code}). Invite me with \`/invite @Jasper\` and ask again.`);
    }
  };
}
