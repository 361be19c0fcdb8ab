import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { readStyleModal, STYLE_BLOCK } from '../../../forms/style-modal.js';
import type { SlackServices } from '../../services/slack-services.js';
import { PendingMessageSchema } from '../../message-tools/pending-request.js';
import { tellUser } from '../../message-tools/tell-user.js';
import { readViewSubmission } from '../../payloads.js';
import { featureError } from '../../replies/feature-error.js';
import { styleRewriteReply } from '../../replies/style-rewrite.js';
import { STYLE_PENDING } from '../shortcuts/apply-style-shortcut.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export const STYLED_PENDING = 'styled';
export const StyledSchema = z.object({ channelId: z.string(), threadTs: z.string(), text: z.string() });

/** The chosen style guide rewrites the message; the rewrite goes to the person only, with Post in thread and Discard. */
export function styleSubmission(services: Pick<SlackServices, 'brands' | 'catalogue' | 'pendingRequests'>) {
  return async ({ ack, body, client, logger }: Args): Promise<void> => {
    const submission = readViewSubmission(body, z.object({ id: z.string() }));
    if (!submission) return void (await ack());
    const read = readStyleModal(submission.view.state.values);
    if (!read.ok) return void (await ack({ response_action: 'errors', errors: read.errors }));
    const pending = await services.pendingRequests.load(STYLE_PENDING, submission.metadata.id, PendingMessageSchema).catch(() => undefined);
    if (!pending) return void (await ack({ response_action: 'errors', errors: { [STYLE_BLOCK]: 'This form has expired. Close it and use the shortcut again.' } }));
    await ack();
    const provider = services.catalogue.firstWith('brand');
    const where = { channelId: pending.channelId, userId: submission.user.id, threadTs: pending.threadTs };
    const applyStyle = provider?.brand.applyStyle?.bind(provider.brand);
    if (!provider || !applyStyle) return;
    try {
      const rewrite = await applyStyle(read.styleId, pending.text);
      const styles = (await services.brands.get(provider.id)?.list('style')) ?? [];
      const styleName = styles.find((s) => s.id === read.styleId)?.name ?? 'the style guide';
      const id = await services.pendingRequests.save(STYLED_PENDING, { channelId: pending.channelId, threadTs: pending.threadTs, text: rewrite });
      const reply = styleRewriteReply(rewrite, styleName, id);
      await client.chat.postEphemeral({ channel: pending.channelId, user: submission.user.id, thread_ts: pending.threadTs, ...reply });
    } catch (error) {
      logger.warn(`Style guide rewrite failed: ${String(error)}`);
      await tellUser(client, where, featureError(error, provider, 'rewriting messages with a style guide', 'rewrite that message', true));
    }
  };
}
