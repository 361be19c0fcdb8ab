import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { knowledgeOptions } from '../../../forms/external-options.js';
import { decodeRunMetadata } from '../../../forms/view-metadata.js';
import type { BotDeps } from '../../bot-deps.js';
import { BlockSuggestionSchema } from '../../payloads.js';
import { knowledgeFor } from './knowledge-search.js';

type Args = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

/** The Brand section's knowledge picker in a run form: the provider's knowledge, filtered by what is typed. */
export function brandKnowledgeOptions(deps: BotDeps) {
  return async ({ ack, body }: Args): Promise<void> => {
    const parsed = BlockSuggestionSchema.safeParse(body);
    const metadata = parsed.success && parsed.data.view ? decodeRunMetadata(parsed.data.view.private_metadata) : null;
    const query = parsed.success ? parsed.data.value : '';
    const items = await knowledgeFor(deps, metadata?.provider ?? deps.catalogue.provider.id, query).catch(() => []);
    await ack({ options: knowledgeOptions(items, query) });
  };
}
