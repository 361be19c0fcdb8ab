import { HOME_ACTION, NO_DEFAULT_VALUE, readHomeMetadata, type HomeViewState } from '../../../forms/home-view.js';
import type { BrandDefaults } from '../../../store/user-prefs.js';
import type { SlackServices } from '../../services/slack-services.js';
import { publishHome, type HomeViewServices } from '../../home/publish-home.js';
import { openTaskModal, type TaskModalServices } from '../../open-task-modal.js';
import { ButtonActionSchema } from '../../payloads.js';
import { tellClicker, type ButtonArgs } from '../actions/button-context.js';
import { KnowledgeAdmins } from '../../access/knowledge-admins.js';
import { openToneForm, type ToneFormServices } from './tone-form.js';

const DEFAULT_KEYS: Record<string, keyof BrandDefaults> = {
  [HOME_ACTION.defaultTone]: 'toneId',
  [HOME_ACTION.defaultAudience]: 'audienceId',
  [HOME_ACTION.defaultStyle]: 'styleGuideId',
  [HOME_ACTION.defaultLanguage]: 'toLanguage',
};

/**
 * Every control on the Home tab: search as the user types, Run (opens the form; the run goes to the user's DM with the
 * bot), star, paging, default brand settings, deleting knowledge. Each change republishes the tab.
 */
export function homeAction(services: Pick<SlackServices, 'access' | 'brands' | 'catalogue' | 'catalogues' | 'prefs'> & HomeViewServices & TaskModalServices & ToneFormServices) {
  const knowledgeAdmins = new KnowledgeAdmins(services.access.knowledgeAdmins);
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const parsed = ButtonActionSchema.safeParse(args.body);
    const action = parsed.success ? parsed.data.actions[0] : undefined;
    if (!parsed.success || !action) return;
    const userId = parsed.data.user.id;
    const state = readHomeMetadata(parsed.data.view?.private_metadata);
    const value = action.value ?? action.selected_option?.value ?? '';
    const publish = (next: HomeViewState) => publishHome(services, args.client, args.logger, userId, next);
    try {
      switch (action.action_id) {
        case HOME_ACTION.search:
          return await publish({ ...state, query: value, page: 0 });
        case HOME_ACTION.page:
          return await publish({ ...state, page: Number(value) || 0 });
        case HOME_ACTION.runsPage:
          return await publish({ ...state, runsPage: Number(value) || 0 });
        case HOME_ACTION.knowledgePage:
          return await publish({ ...state, knowledgePage: Number(value) || 0 });
        case HOME_ACTION.star:
          await services.prefs.toggleFavourite(userId, value);
          return await publish(state);
        case HOME_ACTION.run: {
          const [providerId = '', ...rest] = value.split(':');
          const catalogue = services.catalogues.get(providerId);
          const triggerId = parsed.data.trigger_id;
          if (!catalogue || !triggerId) return;
          return await openTaskModal(services, args.client, { task: await catalogue.get(rest.join(':')), triggerId, channelId: userId, userId });
        }
        case HOME_ACTION.historyPage:
          return await publish({ ...state, historyPage: Number(value) || 0 });
        case HOME_ACTION.tonesPage:
          return await publish({ ...state, tonesPage: Number(value) || 0 });
        case HOME_ACTION.toneNew:
        case HOME_ACTION.toneMenu:
          return await openToneForm(services, args, { userId, triggerId: parsed.data.trigger_id, value: action.action_id === HOME_ACTION.toneNew ? 'new' : value });
        case HOME_ACTION.knowledgeDelete: {
          const provider = services.catalogue.firstWith('knowledge');
          const brands = provider && services.brands.get(provider.id);
          if (!brands || !provider.knowledge.delete) return;
          if (!(await knowledgeAdmins.allows(args.client, userId))) {
            return await tellClicker(args, "Sorry, only the workspace's admins can delete knowledge (or the people this bot's admins named).");
          }
          // Only an item the bot itself lists: the button's value comes back from the client and can be anything.
          if (!(await brands.allKnowledge()).some((item) => item.id === value)) {
            args.logger.warn('Refused to delete a knowledge item the bot does not list');
            return await publish(state);
          }
          await provider.knowledge.delete(value);
          brands.knowledgeChanged();
          return await publish(state);
        }
        default: {
          const key = DEFAULT_KEYS[action.action_id];
          if (!key) return;
          await services.prefs.setUserDefault(userId, key, value && value !== NO_DEFAULT_VALUE ? value : undefined);
          return await publish(state);
        }
      }
    } catch (error) {
      args.logger.error(`Home action ${action.action_id} failed: ${String(error)}`);
    }
  };
}
