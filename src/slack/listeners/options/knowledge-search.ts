import type { KnowledgeItem } from '../../../providers/types.js';
import type { SlackServices } from '../../services/slack-services.js';

/**
 * Knowledge items matching the query, from the provider's cached list: an options request must be answered within
 * Slack's 3 s, so it never waits on the upstream once the list is warm (and only briefly when it is not).
 */
export async function knowledgeFor(services: Pick<SlackServices, 'brands'>, providerId: string, query: string): Promise<KnowledgeItem[]> {
  return (await services.brands.get(providerId)?.searchKnowledge(query)) ?? [];
}
