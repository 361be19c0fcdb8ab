import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { knowledgeOptions, optionsForQuery } from '../../../forms/external-options.js';
import { fieldIdFromBlockId } from '../../../forms/fill-actions.js';
import type { SlackServices } from '../../services/slack-services.js';
import { BlockSuggestionSchema } from '../../payloads.js';
import { knowledgeFor } from './knowledge-search.js';

type Args = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

/** Options for a menu on a conversational question (a long options list, or knowledge), filtered by what is typed. */
export function fillOptions(services: Pick<SlackServices, 'brands' | 'catalogues' | 'fill'>) {
  return async ({ ack, body, logger }: Args): Promise<void> => {
    const parsed = BlockSuggestionSchema.safeParse(body);
    const container = parsed.success ? parsed.data.container : undefined;
    const threadTs = container?.thread_ts ?? container?.message_ts;
    if (!parsed.success || !container?.channel_id || !threadTs) {
      await ack({ options: [] });
      return;
    }
    try {
      const conversation = await services.fill.get(container.channel_id, threadTs);
      const catalogue = conversation && services.catalogues.get(conversation.state.provider);
      const task = catalogue && conversation ? await catalogue.get(conversation.state.taskId) : undefined;
      const fieldId = task ? fieldIdFromBlockId(task, parsed.data.block_id) : null;
      const field = task?.inputs.find((f) => f.id === fieldId);
      if (!field || !catalogue) {
        await ack({ options: [] });
        return;
      }
      const query = parsed.data.value;
      if (field.kind === 'knowledge') await ack({ options: knowledgeOptions(await knowledgeFor(services, catalogue.provider.id, query), query) });
      else await ack({ options: optionsForQuery(field.options ?? [], query) });
    } catch (error) {
      logger.warn(`Options request failed: ${String(error)}`);
      await ack({ options: [] });
    }
  };
}
