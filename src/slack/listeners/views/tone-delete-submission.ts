import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { SlackServices } from '../../services/slack-services.js';
import { mayEditTones } from '../../access/tone-access.js';
import { INITIAL_HOME, publishHome, type HomeViewServices } from '../../home/publish-home.js';
import { readViewSubmission } from '../../payloads.js';
import { featureError } from '../../replies/feature-error.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The confirmed delete of a tone (the permission asked again); a refusal is told in the person's DM with the bot. */
export function toneDeleteSubmission(services: Pick<SlackServices, 'brands' | 'catalogue' | 'toneAdmins'> & HomeViewServices) {
  return async ({ ack, body, client, logger }: Args): Promise<void> => {
    const submission = readViewSubmission(body, z.object({ toneId: z.string(), name: z.string() }));
    await ack();
    if (!submission) return;
    const provider = services.catalogue.firstWith('brand');
    const userId = submission.user.id;
    const say = (text: string) => client.chat.postMessage({ channel: userId, text }).catch(() => undefined);
    const deleteTone = provider?.brand.deleteTone?.bind(provider.brand);
    if (!provider || !deleteTone || !(await mayEditTones(client, services.toneAdmins, userId))) {
      await say("You can't delete tones: ask one of this bot's admins (or a workspace admin).");
      return;
    }
    try {
      await deleteTone(submission.metadata.toneId);
    } catch (error) {
      logger.warn(`Deleting a tone failed: ${String(error)}`);
      await say(`I couldn't delete the tone “${submission.metadata.name}”. ${featureError(error, provider, 'tones', 'delete it')}`);
      return;
    }
    services.brands.get(provider.id)?.listChanged('tone');
    await publishHome(services, client, logger, userId, INITIAL_HOME).catch((error: unknown) => logger.warn(`Could not publish Home: ${String(error)}`));
  };
}
