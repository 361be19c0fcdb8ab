import type { KnownBlock } from '@slack/types';
import { brandBlocks } from '../forms/brand-section.js';
import { brandSummaryBlock } from '../forms/brand-summary.js';
import type { BrandSettings } from '../providers/types.js';
import type { SlackServices } from './services/slack-services.js';

export interface BrandFor {
  provider: string;
  brand: BrandSettings;
  /** The task has its own knowledge input: the Brand section then offers no second knowledge picker. */
  ownKnowledge: boolean;
}

/** The Brand section of a run form, from the provider's cached lists: the pickers, or the one-line summary of them. */
export async function brandSection(services: Pick<SlackServices, 'brands'>, args: BrandFor, shape: 'pickers' | 'summary'): Promise<KnownBlock[]> {
  // Only a provider with brand settings has a Brand section: a Jarvis task's form has none.
  const brands = services.brands.get(args.provider);
  if (!brands?.provider.brand) return [];
  const lists = await brands.options();
  const ids = args.brand.knowledgeIds ?? [];
  const knowledge = ids.length > 0 ? (await brands.allKnowledge()).filter((k) => ids.includes(k.id)) : [];
  if (shape === 'summary') return [brandSummaryBlock(lists, args.brand, knowledge)];
  return brandBlocks(lists, args.brand, { knowledge: Boolean(brands.provider.knowledge) && !args.ownKnowledge, knowledgeItems: knowledge });
}
