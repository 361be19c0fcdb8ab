import type { BrandCatalogue } from '../catalogue/brand-catalogue.js';
import type { TaskCatalogue } from '../catalogue/task-catalogue.js';
import type { RunService } from '../runs/run-service.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import type { SessionRepository } from '../store/session-repository.js';
import type { TaskUsage } from '../store/task-usage.js';
import type { PrefsRepository } from '../store/user-prefs.js';
import type { FillFlow } from './fill/fill-flow.js';

/** What the Slack listeners are given; they hold no state of their own. */
export interface BotDeps {
  /** The slash command as installed, e.g. "/jasper". */
  command: string;
  /** The catalogue `/jasper run` looks tasks up in. */
  catalogue: TaskCatalogue;
  /** Every provider's catalogue, by provider id (a modal or button names its provider). */
  catalogues: ReadonlyMap<string, TaskCatalogue>;
  runs: RunService;
  sessions: SessionRepository;
  store: KeyValueStore;
  /** Conversational filling in threads (mentions, DMs, `/jasper chat`). */
  fill: FillFlow;
  usage: TaskUsage;
  /** Brand lists, knowledge and usage of each provider, cached. */
  brands: ReadonlyMap<string, BrandCatalogue>;
  prefs: PrefsRepository;
  /** Who may set a channel's defaults; empty = anyone in the channel. */
  channelDefaultsAdmins: readonly string[];
}
