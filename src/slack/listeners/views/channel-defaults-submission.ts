import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { readBrand } from '../../../forms/brand-section.js';
import type { SlackServices } from '../../services/slack-services.js';
import { readViewSubmission } from '../../payloads.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export const CHANNEL_DEFAULTS_CALLBACK = 'channel_defaults';
const MetadataSchema = z.object({ channelId: z.string().min(1) });

/** Saves a channel's brand defaults (from `/jasper defaults`); they pre-set every run started in that channel. */
export function channelDefaultsSubmission(services: Pick<SlackServices, 'channelDefaultsAdmins' | 'prefs'>) {
  return async ({ ack, body, client, logger }: Args): Promise<void> => {
    const submission = readViewSubmission(body, MetadataSchema);
    if (!submission) {
      await ack();
      return;
    }
    const { metadata } = submission;
    // Checked again here: the form is only offered to the people allowed, but a submission can be forged.
    if (services.channelDefaultsAdmins.length > 0 && !services.channelDefaultsAdmins.includes(submission.user.id)) {
      logger.warn(`Refused channel defaults from ${submission.user.id}, who may not set them`);
      await ack({ response_action: 'errors', errors: { 'brand.tone': "Only the people this bot's admins named can change a channel's defaults." } });
      return;
    }
    const { toneId, audienceId, styleGuideId, toLanguage } = readBrand(submission.view.state.values);
    try {
      await services.prefs.setChannelDefaults(metadata.channelId, { toneId, audienceId, styleGuideId, toLanguage });
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
