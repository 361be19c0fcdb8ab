import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { readToneModal, TONE_BLOCK } from '../../../forms/tone-modal.js';
import type { SlackServices } from '../../services/slack-services.js';
import { mayEditTones } from '../../access/tone-access.js';
import { INITIAL_HOME, publishHome, type HomeViewServices } from '../../home/publish-home.js';
import { readViewSubmission } from '../../payloads.js';
import { featureError } from '../../replies/feature-error.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** A new or edited tone: saved in Jasper (the permission asked again), then the Home tab shows it. Refusals stay on the form. */
export function toneSubmission(services: Pick<SlackServices, 'brands' | 'catalogue' | 'toneAdmins'> & HomeViewServices) {
  return async ({ ack, body, client, logger }: Args): Promise<void> => {
    const submission = readViewSubmission(body, z.object({ toneId: z.string().optional() }));
    if (!submission) return void (await ack());
    const read = readToneModal(submission.view.state.values);
    if (!read.ok) return void (await ack({ response_action: 'errors', errors: read.errors }));
    const provider = services.catalogue.firstWith('brand');
    const brands = provider && services.brands.get(provider.id);
    const userId = submission.user.id;
    const saveTone = provider?.brand.saveTone?.bind(provider.brand);
    if (!provider || !saveTone || !(await mayEditTones(client, services.toneAdmins, userId))) {
      await ack({ response_action: 'errors', errors: { [TONE_BLOCK.name]: "You can't change tones: ask one of this bot's admins (or a workspace admin)." } });
      return;
    }
    try {
      // Saved before answering, so that a refusal can be shown on the form (Jasper answers well within Slack's 3 s).
      await saveTone({ ...(submission.metadata.toneId && { id: submission.metadata.toneId }), name: read.name, value: read.value });
    } catch (error) {
      logger.warn(`Saving a tone failed: ${String(error)}`);
      await ack({ response_action: 'errors', errors: { [TONE_BLOCK.name]: featureError(error, provider, 'tones', 'save the tone') } });
      return;
    }
    await ack();
    brands?.listChanged('tone');
    await publishHome(services, client, logger, userId, INITIAL_HOME).catch((error: unknown) => logger.warn(`Could not publish Home: ${String(error)}`));
  };
}
