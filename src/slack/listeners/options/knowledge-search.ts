import type { KnowledgeItem, Provider } from '../../../providers/types.js';

/** Slack must have options within 3 s; a knowledge search that takes longer answers with none rather than late. */
const KNOWLEDGE_DEADLINE_MS = 2_000;

export async function searchKnowledgeInTime(provider: Provider, query: string): Promise<KnowledgeItem[]> {
  if (!provider.searchKnowledge) return [];
  return Promise.race([
    provider.searchKnowledge(query, AbortSignal.timeout(KNOWLEDGE_DEADLINE_MS)),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('knowledge search too slow')), KNOWLEDGE_DEADLINE_MS)),
  ]);
}
