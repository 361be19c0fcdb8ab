import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { readBrand } from '../../../forms/brand-section.js';
import type { BotDeps } from '../../bot-deps.js';
import { readViewSubmission } from '../../payloads.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export const CHANNEL_DEFAULTS_CALLBACK = 'channel_defaults';
const MetadataSchema = z.object({ channelId: z.string().min(1) });

/** Saves a channel's brand defaults (from `/jasper defaults`); they pre-set every run started in that channel. */
export function channelDefaultsSubmission(deps: BotDeps) {
  return async ({ ack, body, client, logger }: Args): Promise<void> => {
    const submission = readViewSubmission(body, MetadataSchema);
    if (!submission) {
      await ack();
      return;
    }
    const { metadata } = submission;
    const { toneId, audienceId, styleGuideId, toLanguage } = readBrand(submission.view.state.values);
    try {
      await deps.prefs.setChannelDefaults(metadata.channelId, { toneId, audienceId, styleGuideId, toLanguage });
      await ack();
    } catch (error) {
      logger.error(`Could not save channel defaults: ${String(error)}`);
      await ack({ response_action: 'errors', errors: { 'brand.tone': "I couldn't save these right now (storage is down). Try again in a minute." } });
      return;
    }
    await client.chat
      .postEphemeral({ channel: metadata.channelId, user: submission.user.id, text: 'Saved: runs started in this channel now use these brand settings by default.' })
      .catch(() => undefined);
  };
}
