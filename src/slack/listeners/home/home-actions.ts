import { HOME_ACTION, NO_DEFAULT_VALUE, readHomeMetadata, type HomeViewState } from '../../../forms/home-view.js';
import type { BrandDefaults } from '../../../store/user-prefs.js';
import type { BotDeps } from '../../bot-deps.js';
import { publishHome } from '../../home/publish-home.js';
import { openTaskModal } from '../../open-task-modal.js';
import { ButtonActionSchema } from '../../payloads.js';
import type { ButtonArgs } from '../actions/button-context.js';

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
export function homeAction(deps: BotDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const parsed = ButtonActionSchema.safeParse(args.body);
    const action = parsed.success ? parsed.data.actions[0] : undefined;
    if (!parsed.success || !action) return;
    const userId = parsed.data.user.id;
    const state = readHomeMetadata(parsed.data.view?.private_metadata);
    const value = action.value ?? action.selected_option?.value ?? '';
    const publish = (next: HomeViewState) => publishHome(deps, args.client, args.logger, userId, next);
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
          await deps.prefs.toggleFavourite(userId, value);
          return await publish(state);
        case HOME_ACTION.run: {
          const [providerId = '', ...rest] = value.split(':');
          const catalogue = deps.catalogues.get(providerId);
          const triggerId = parsed.data.trigger_id;
          if (!catalogue || !triggerId) return;
          return await openTaskModal(deps, args.client, { task: await catalogue.get(rest.join(':')), triggerId, channelId: userId, userId });
        }
        case HOME_ACTION.knowledgeDelete: {
          const brands = deps.brands.get(deps.catalogue.provider.id);
          await brands?.provider.deleteKnowledge?.(value);
          brands?.knowledgeChanged();
          return await publish(state);
        }
        default: {
          const key = DEFAULT_KEYS[action.action_id];
          if (!key) return;
          await deps.prefs.setUserDefault(userId, key, value && value !== NO_DEFAULT_VALUE ? value : undefined);
          return await publish(state);
        }
      }
    } catch (error) {
      args.logger.error(`Home action ${action.action_id} failed: ${String(error)}`);
    }
  };
}
