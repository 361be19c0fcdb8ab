import type { AllMiddlewareArgs, BlockSuggestion, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { knowledgeOptions, optionsForQuery } from '../../../forms/external-options.js';
import { fieldForBlockId } from '../../../forms/task-modal.js';
import { decodeRunMetadata } from '../../../forms/view-metadata.js';
import type { SlackServices } from '../../services/slack-services.js';
import { BlockSuggestionSchema } from '../../payloads.js';
import { knowledgeFor } from './knowledge-search.js';

type Args = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

/** Options for a form's external selects: a long options list filtered by what the user types, or knowledge items. */
export function fieldOptions(services: Pick<SlackServices, 'brands' | 'catalogues'>) {
  return async ({ ack, body, logger }: Args): Promise<void> => {
    const parsed = BlockSuggestionSchema.safeParse(body satisfies BlockSuggestion);
    const metadata = parsed.success && parsed.data.view ? decodeRunMetadata(parsed.data.view.private_metadata) : null;
    const catalogue = metadata && services.catalogues.get(metadata.provider);
    if (!parsed.success || !metadata || !catalogue) {
      await ack({ options: [] });
      return;
    }
    try {
      const task = await catalogue.get(metadata.taskId);
      const found = fieldForBlockId(task, parsed.data.block_id);
      if (!found) {
        await ack({ options: [] });
        return;
      }
      const query = parsed.data.value;
      if (found.field.kind === 'knowledge') {
        await ack({ options: knowledgeOptions(await knowledgeFor(services, catalogue.provider.id, query), query) });
        return;
      }
      await ack({ options: optionsForQuery(found.field.options ?? [], query) });
    } catch (error) {
      logger.warn(`Options request failed: ${String(error)}`);
      await ack({ options: [] });
    }
  };
}
