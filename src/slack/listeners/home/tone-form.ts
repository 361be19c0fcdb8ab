import { TONE_MENU } from '../../../forms/home-view.js';
import { buildToneDeleteModal, buildToneModal } from '../../../forms/tone-modal.js';
import type { SlackServices } from '../../services/slack-services.js';
import { mayEditTones } from '../../access/tone-access.js';
import type { ButtonArgs } from '../actions/button-context.js';

export type ToneFormServices = Pick<SlackServices, 'brands' | 'catalogue' | 'toneAdmins'>;

/**
 * "New tone", or Edit / Delete… from a tone's menu on the Home tab: the form, or the confirmation before a delete. Only
 * for people allowed to change tones (asked again here: a Home tab may be older than a change of permissions).
 */
export async function openToneForm(services: ToneFormServices, args: ButtonArgs, c: { userId: string; triggerId?: string; value: string }): Promise<void> {
  const say = (text: string) => args.client.chat.postMessage({ channel: c.userId, text }).catch(() => undefined);
  if (!c.triggerId) return;
  if (!(await mayEditTones(args.client, services.toneAdmins, c.userId))) {
    await say("You can't change tones: ask one of this bot's admins (or a workspace admin).");
    return;
  }
  if (c.value === 'new') {
    await args.client.views.open({ trigger_id: c.triggerId, view: buildToneModal(undefined) });
    return;
  }
  const [verb = '', ...rest] = c.value.split(':');
  const toneId = rest.join(':');
  const provider = services.catalogue.firstWith('brand');
  const tones = (provider && (await services.brands.get(provider.id)?.list('tone'))) ?? [];
  const tone = tones.find((t) => t.id === toneId);
  if (!tone) {
    await say('That tone is no longer there. Open the Home tab again to see the current tones.');
    return;
  }
  const view = verb === TONE_MENU.delete ? buildToneDeleteModal(tone) : buildToneModal(tone);
  await args.client.views.open({ trigger_id: c.triggerId, view });
}
