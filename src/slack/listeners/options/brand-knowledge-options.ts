import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { knowledgeOptions } from '../../../forms/external-options.js';
import { decodeRunMetadata } from '../../../forms/view-metadata.js';
import type { SlackServices } from '../../services/slack-services.js';
import { BlockSuggestionSchema } from '../../payloads.js';
import { knowledgeFor } from './knowledge-search.js';

type Args = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

/** The Brand section's knowledge picker in a run form: the provider's knowledge, filtered by what is typed. */
export function brandKnowledgeOptions(services: Pick<SlackServices, 'brands' | 'catalogue'>) {
  return async ({ ack, body }: Args): Promise<void> => {
    const parsed = BlockSuggestionSchema.safeParse(body);
    const metadata = parsed.success && parsed.data.view ? decodeRunMetadata(parsed.data.view.private_metadata) : null;
    const query = parsed.success ? parsed.data.value : '';
    const items = await knowledgeFor(services, metadata?.provider ?? services.catalogue.firstWith('knowledge')?.id ?? '', query).catch(() => []);
    await ack({ options: knowledgeOptions(items, query) });
  };
}
