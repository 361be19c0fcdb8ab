import type { BrandOption, BrandOptionKind, KnowledgeItem, Provider, UsageSummary } from '../providers/types.js';
import { StaleCache } from './stale-cache.js';

/** Output languages offered for `toLanguage` (Jasper's codes). */
export const LANGUAGES = [
  { code: 'EN-US', name: 'English (US)' },
  { code: 'EN-GB', name: 'English (UK)' },
  { code: 'ES', name: 'Spanish' },
  { code: 'FR', name: 'French' },
  { code: 'DE', name: 'German' },
  { code: 'IT', name: 'Italian' },
  { code: 'PT-BR', name: 'Portuguese (Brazil)' },
  { code: 'NL', name: 'Dutch' },
  { code: 'JA', name: 'Japanese' },
  { code: 'ZH', name: 'Chinese' },
] as const;

/** What the brand selects offer (the shape the Home tab and the form's Brand section take). */
export interface BrandLists {
  tones: BrandOption[];
  audiences: BrandOption[];
  styles: BrandOption[];
  languages: Array<{ code: string; name: string }>;
}

export interface BrandCatalogueOptions {
  refreshMs: number;
  coldWaitMs?: number;
  onRefreshError?: (error: unknown) => void;
}

/**
 * The provider's brand lists (tones, audiences, style guides), its knowledge and its usage, each cached briefly and
 * served stale while refreshing: a menu's options request is answered from here, filtered locally, within Slack's
 * 3 seconds even when the upstream is slow. A list the provider does not have, or cannot give now, is empty.
 */
export class BrandCatalogue {
  private readonly lists: Record<BrandOptionKind, StaleCache<BrandOption[]>>;
  private readonly knowledge: StaleCache<KnowledgeItem[]>;
  private readonly usageCache: StaleCache<UsageSummary | undefined>;

  constructor(
    readonly provider: Provider,
    options: BrandCatalogueOptions,
  ) {
    const cache = { coldWaitMs: options.coldWaitMs ?? 1_500, refreshMs: options.refreshMs, onRefreshError: options.onRefreshError };
    const list = (kind: BrandOptionKind) => new StaleCache(async () => (await provider.listBrandOptions?.(kind)) ?? [], cache);
    this.lists = { tone: list('tone'), audience: list('audience'), style: list('style') };
    this.knowledge = new StaleCache(async () => (await provider.searchKnowledge?.('')) ?? [], cache);
    this.usageCache = new StaleCache(() => this.fetchUsage(), cache);
  }

  warm(): void {
    for (const list of Object.values(this.lists)) list.warm();
    this.knowledge.warm();
  }

  async options(): Promise<BrandLists> {
    const [tones, audiences, styles] = await Promise.all([this.list('tone'), this.list('audience'), this.list('style')]);
    return { tones, audiences, styles, languages: [...LANGUAGES] };
  }

  async list(kind: BrandOptionKind): Promise<BrandOption[]> {
    return this.lists[kind].get().catch(() => []);
  }

  /** Knowledge items whose name contains the query, from the cached list. */
  async searchKnowledge(query: string): Promise<KnowledgeItem[]> {
    const items = await this.knowledge.get().catch(() => [] as KnowledgeItem[]);
    const q = query.trim().toLowerCase();
    return q ? items.filter((item) => item.name.toLowerCase().includes(q)) : items;
  }

  allKnowledge(): Promise<KnowledgeItem[]> {
    return this.searchKnowledge('');
  }

  /** After an upload or delete made through the bot. */
  knowledgeChanged(): void {
    this.knowledge.invalidate();
  }

  usage(): Promise<UsageSummary | undefined> {
    return this.usageCache.get().catch(() => undefined);
  }

  private async fetchUsage(): Promise<UsageSummary | undefined> {
    if (!this.provider.usage) return undefined;
    const end = new Date();
    const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1));
    return this.provider.usage({ start, end });
  }
}
