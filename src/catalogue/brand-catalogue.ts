import type { BrandOption, BrandOptionKind, KnowledgeItem, Language, Provider, UsageSummary } from '../providers/types.js';
import type { Broadcast } from '../store/broadcast.js';
import { StaleCache } from './stale-cache.js';

/** What the brand selects offer (the shape the Home tab and the form's Brand section take). */
export interface BrandLists {
  tones: BrandOption[];
  audiences: BrandOption[];
  styles: BrandOption[];
  languages: Language[];
}

export interface BrandCatalogueOptions {
  refreshMs: number;
  coldWaitMs?: number;
  onRefreshError?: (error: unknown) => void;
  /** Tells the other replicas when knowledge changed through this one, and hears when it changed through theirs. */
  broadcast?: Broadcast;
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
  private readonly knowledgeTopic: string;
  private readonly listsTopic: string;
  private readonly broadcast?: Broadcast;
  private readonly onBroadcastError: (error: unknown) => void;

  constructor(
    readonly provider: Provider,
    options: BrandCatalogueOptions,
  ) {
    const cache = { coldWaitMs: options.coldWaitMs ?? 1_500, refreshMs: options.refreshMs, onRefreshError: options.onRefreshError };
    const list = (kind: BrandOptionKind) => new StaleCache(async () => (await provider.brand?.listOptions(kind)) ?? [], cache);
    this.lists = { tone: list('tone'), audience: list('audience'), style: list('style') };
    this.knowledge = new StaleCache(async () => (await provider.knowledge?.search('')) ?? [], cache);
    this.usageCache = new StaleCache(() => this.fetchUsage(), cache);
    this.knowledgeTopic = `cache:knowledge:${provider.id}`;
    this.listsTopic = `cache:brand-lists:${provider.id}`;
    this.broadcast = options.broadcast;
    this.onBroadcastError = (error) => options.onRefreshError?.(error);
    // The publisher hears its own message too: the fetch its own invalidation started is then shared, not repeated.
    void this.broadcast?.subscribe(this.knowledgeTopic, () => this.knowledge.invalidate()).catch(this.onBroadcastError);
    void this.broadcast
      ?.subscribe(this.listsTopic, (kind) => (isBrandOptionKind(kind) ? this.lists[kind].invalidate() : undefined))
      .catch(this.onBroadcastError);
  }

  warm(): void {
    for (const list of Object.values(this.lists)) list.warm();
    this.knowledge.warm();
  }

  async options(): Promise<BrandLists> {
    const [tones, audiences, styles] = await Promise.all([this.list('tone'), this.list('audience'), this.list('style')]);
    return { tones, audiences, styles, languages: [...(this.provider.brand?.languages ?? [])] };
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

  /** After a change to a list made through the bot (a tone created, edited or deleted; every replica is told). */
  listChanged(kind: BrandOptionKind): void {
    this.lists[kind].invalidate();
    void this.broadcast?.publish(this.listsTopic, kind).catch(this.onBroadcastError);
  }

  /** After an upload or delete made through the bot (through any replica: every one is told). */
  knowledgeChanged(): void {
    this.knowledge.invalidate();
    void this.broadcast?.publish(this.knowledgeTopic).catch(this.onBroadcastError);
  }

  usage(): Promise<UsageSummary | undefined> {
    return this.usageCache.get().catch(() => undefined);
  }

  private async fetchUsage(): Promise<UsageSummary | undefined> {
    if (!this.provider.usage) return undefined;
    const end = new Date();
    const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1));
    return this.provider.usage.summary({ start, end });
  }
}

const isBrandOptionKind = (kind: string): kind is BrandOptionKind => kind === 'tone' || kind === 'audience' || kind === 'style';
