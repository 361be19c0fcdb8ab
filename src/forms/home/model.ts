import type { BrandOption, HistoryEntry, KnowledgeItem, TaskDefinition, UsageSummary } from '../../providers/types.js';

/** Every interactive element of the Home tab. Paging buttons carry the target page (0-based) as their value. */
export const HOME_ACTION = {
  search: 'home.search',
  run: 'home.run',
  star: 'home.star',
  page: 'home.page',
  runsPage: 'home.runs_page',
  defaultTone: 'home.default.tone',
  defaultAudience: 'home.default.audience',
  defaultStyle: 'home.default.style',
  defaultLanguage: 'home.default.language',
  knowledgeDelete: 'home.knowledge.delete',
  knowledgePage: 'home.knowledge_page',
  toneMenu: 'home.tone.menu',
  toneNew: 'home.tone.new',
  tonesPage: 'home.tones_page',
  historyPage: 'home.history_page',
} as const;

export type HomeRunStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface HomeRun {
  sessionId: string;
  taskName: string;
  status: HomeRunStatus;
  /** Epoch milliseconds. */
  startedAt: number;
  /** The run's thread. */
  permalink?: string;
}

/** A user's (or channel's) brand defaults. */
export interface BrandDefaults {
  toneId?: string;
  audienceId?: string;
  styleGuideId?: string;
  toLanguage?: string;
}

export interface LanguageOption {
  code: string;
  name: string;
}

/** What the brand selects offer. */
export interface BrandOptions {
  tones: BrandOption[];
  audiences: BrandOption[];
  styles: BrandOption[];
  languages: LanguageOption[];
}

export interface HomeModel {
  /** What is in the search box. */
  query: string;
  /** Page of the task list, 0-based; out of range is shown as the nearest page. */
  page: number;
  tasks: TaskDefinition[];
  /** `${provider}:${id}` of the user's favourite tasks (`homeTaskKey`). */
  favourites: string[];
  recentRuns: HomeRun[];
  /** Page of the recent runs, 0-based. */
  runsPage: number;
  defaults: BrandDefaults;
  brandOptions: BrandOptions;
  usage?: UsageSummary;
  /** The workspace's knowledge, when the provider has it; `page` is 0-based. */
  knowledge?: { items: KnowledgeItem[]; page: number };
  /** The workspace's tones (the same list as `brandOptions.tones`), when the provider can change them; `page` is 0-based. */
  tones?: { items: BrandOption[]; page: number; canEdit: boolean };
  /** Epoch milliseconds: "5 minutes ago" is counted from here. */
  now: number;
  /**
   * An agent API's recent runs (`page` 0-based, `total` as the API counts them), or the sentence saying why they could
   * not be read; absent when no agent keeps a history.
   */
  history?: { agent: string; page: number; total: number; entries: HistoryEntry[]; taskNames: ReadonlyMap<string, string> } | { agent: string; page: number; error: string };
  /** The agents whose tasks are listed, in configured order: with several, tasks are grouped by agent. */
  providers?: Array<{ id: string; name: string }>;
  /** The slash command the hints name (default `/jasper`). */
  command?: string;
}

/** A task's key in favourites and in the Run and star buttons' values. */
export function homeTaskKey(task: Pick<TaskDefinition, 'provider' | 'id'>): string {
  return `${task.provider}:${task.id}`;
}
