import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import { buildHomeView, RUNS_PER_PAGE, type HomeRun, type HomeViewState } from '../../forms/home-view.js';
import type { Session } from '../../store/session-schema.js';
import type { BotDeps } from '../bot-deps.js';

/** How many of a user's latest runs Home can page through. */
const RECENT_RUNS = 20;

export const INITIAL_HOME: HomeViewState = { query: '', page: 0, runsPage: 0, knowledgePage: 0 };

/**
 * Builds and publishes a user's Home tab from the caches (task catalogue, brand lists, usage, knowledge) and the
 * store (favourites, defaults, recent runs): fast even when the upstream is slow, since every list is served cached.
 */
export async function publishHome(deps: BotDeps, client: WebClient, logger: Logger, userId: string, state: HomeViewState): Promise<void> {
  const brands = deps.brands.get(deps.catalogue.provider.id);
  const [tasks, prefs, lists, usage, knowledge] = await Promise.all([
    deps.catalogue.tasks().catch((error: unknown) => {
      logger.warn(`Home without tasks: ${String(error)}`);
      return [];
    }),
    deps.prefs.user(userId),
    brands?.options(),
    brands?.usage(),
    brands?.provider.deleteKnowledge ? brands.allKnowledge() : Promise.resolve(undefined),
  ]);
  const sessions = (await Promise.all(prefs.recentSessions.slice(0, RECENT_RUNS).map((id) => deps.sessions.get(id).catch(() => undefined)))).filter(
    (s): s is Session => s !== undefined,
  );
  const shown = new Set(sessions.slice(state.runsPage * RUNS_PER_PAGE, (state.runsPage + 1) * RUNS_PER_PAGE).map((s) => s.id));
  const recentRuns: HomeRun[] = await Promise.all(
    sessions.map(async (session) => ({
      sessionId: session.id,
      taskName: session.taskName,
      status: session.status,
      startedAt: session.createdAt,
      // Permalinks only for the runs on the page shown: one Web API call each.
      permalink: shown.has(session.id) ? await permalink(client, session) : undefined,
    })),
  );
  const view = buildHomeView({
    ...state,
    tasks,
    favourites: prefs.favourites,
    recentRuns,
    defaults: prefs.defaults,
    brandOptions: lists ?? { tones: [], audiences: [], styles: [], languages: [] },
    usage,
    knowledge: knowledge && { items: knowledge, page: state.knowledgePage },
    now: Date.now(),
  });
  await client.views.publish({ user_id: userId, view });
}

async function permalink(client: WebClient, session: Session): Promise<string | undefined> {
  if (!session.threadTs) return undefined;
  const link = await client.chat.getPermalink({ channel: session.channelId, message_ts: session.threadTs }).catch(() => undefined);
  return link?.permalink;
}
