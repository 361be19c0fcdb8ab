import type { BrandCatalogue } from '../../catalogue/brand-catalogue.js';
import type { CombinedCatalogue } from '../../catalogue/combined-catalogue.js';
import type { Config } from '../../config.js';
import type { TaskCatalogue } from '../../catalogue/task-catalogue.js';
import type { ThreadRuns } from '../thread/thread-runs.js';
import type { SessionRepository } from '../../store/session-repository.js';
import type { TaskUsage } from '../../store/task-usage.js';
import type { PrefsRepository } from '../../store/user-prefs.js';
import type { FillFlow } from '../fill/fill-flow.js';
import type { PendingRequests } from '../message-tools/pending-request.js';
import type { Claims } from './claims.js';

/**
 * Every service the Slack surfaces use, built once in bot.ts; there is no raw store here. Each surface and listener
 * takes a `Pick` of the few it reads (e.g. `ActionServices` in listeners/actions/index.ts); they hold no state of
 * their own.
 */
export interface SlackServices {
  /** The slash command as installed (`SLASH_COMMAND`, e.g. "/jasper"): every hint the bot writes names it. */
  command: string;
  /** Every provider's tasks as one (`jarvis:paperclip`, or a bare slug when unique), and which provider has what. */
  catalogue: CombinedCatalogue;
  /** Every provider's catalogue, by provider id (a modal or button names its provider). */
  catalogues: ReadonlyMap<string, TaskCatalogue>;
  runs: ThreadRuns;
  sessions: SessionRepository;
  /** De-duplication: one run per Slack message or form submission, however often it arrives. */
  claims: Claims;
  /** What the message shortcuts keep between a shortcut, its form and its buttons. */
  pendingRequests: PendingRequests;
  /** Conversational filling in threads (mentions, DMs, `/jasper chat`). */
  fill: FillFlow;
  usage: TaskUsage;
  /** Brand lists, knowledge and usage of each provider, cached. */
  brands: ReadonlyMap<string, BrandCatalogue>;
  prefs: PrefsRepository;
  /** Who may set a channel's defaults; empty = anyone in the channel. */
  channelDefaultsAdmins: readonly string[];
  /** Who may act on runs (run admins, Cancel by anyone) and delete workspace knowledge. */
  access: Config['access'];
  /** Who may create, edit and delete tones; empty = the workspace's admins and owners. */
  toneAdmins: readonly string[];
}
