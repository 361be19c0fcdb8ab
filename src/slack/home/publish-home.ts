import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import { buildHomeView, RUNS_PER_PAGE, type HomeRun, type HomeViewState } from '../../forms/home-view.js';
import type { Session } from '../../store/session-schema.js';
import type { SlackServices } from '../services/slack-services.js';
import { mayEditTones } from '../access/tone-access.js';
import type { CombinedCatalogue } from '../../catalogue/combined-catalogue.js';
import { HISTORY_PER_HOME_PAGE } from '../../forms/home/history.js';
import { upstreamUnavailable } from '../replies/upstream-unavailable.js';

/** What a Home tab is built from. */
export type HomeViewServices = Pick<SlackServices, 'brands' | 'catalogue' | 'command' | 'prefs' | 'sessions' | 'toneAdmins'>;

/** How many of a user's latest runs Home can page through. */
const RECENT_RUNS = 20;

export const INITIAL_HOME: HomeViewState = { query: '', page: 0, runsPage: 0, knowledgePage: 0, tonesPage: 0, historyPage: 0 };

/** Home is published whatever an agent's history does: its section waits this long at most. */
const HISTORY_WAIT_MS = 2_000;

/**
 * Builds and publishes a user's Home tab from the caches (task catalogue, brand lists, usage, knowledge) and the
 * store (favourites, defaults, recent runs): fast even when the upstream is slow, since every list is served cached.
 */
export async function publishHome(services: HomeViewServices, client: WebClient, logger: Logger, userId: string, state: HomeViewState): Promise<void> {
  // Each section comes from the agent that has it: brand lists and tones, usage, and knowledge may be different agents'.
  const { catalogue } = services;
  const cached = (provider: { id: string } | undefined) => (provider ? services.brands.get(provider.id) : undefined);
  const brandProvider = catalogue.firstWith('brand');
  const brands = cached(brandProvider);
  const knowledgeProvider = catalogue.firstWith('knowledge');
  const canTone = Boolean(brandProvider?.brand.saveTone);
  const [tasks, prefs, lists, usage, knowledge, canEditTones, history] = await Promise.all([
    services.catalogue.tasks().catch((error: unknown) => {
      logger.warn(`Home without tasks: ${String(error)}`);
      return [];
    }),
    services.prefs.user(userId),
    brands?.options(),
    cached(catalogue.firstWith('usage'))?.usage(),
    knowledgeProvider?.knowledge.delete ? cached(knowledgeProvider)?.allKnowledge() : Promise.resolve(undefined),
    canTone ? mayEditTones(client, services.toneAdmins, userId) : Promise.resolve(false),
    recentAgentRuns(catalogue, state.historyPage),
  ]);
  const sessions = (await Promise.all(prefs.recentSessions.slice(0, RECENT_RUNS).map((id) => services.sessions.get(id).catch(() => undefined)))).filter(
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
    ...(canTone && { tones: { items: lists?.tones ?? [], page: state.tonesPage, canEdit: canEditTones } }),
    ...(history && { history: { ...history, taskNames: new Map(tasks.filter((t) => t.provider === history.providerId).map((t) => [t.id, t.name])) } }),
    now: Date.now(),
    providers: catalogue.providers.map((p) => ({ id: p.id, name: p.displayName })),
    command: services.command,
  });
  await client.views.publish({ user_id: userId, view });
}

/** The first agent API with a history: a page of its runs, or the sentence saying why they could not be read. */
async function recentAgentRuns(catalogue: CombinedCatalogue, requested: number) {
  const provider = catalogue.firstWith('history');
  if (!provider) return undefined;
  const base = { providerId: provider.id, agent: provider.displayName };
  const read = (page: number) => provider.history.list({ limit: HISTORY_PER_HOME_PAGE, offset: page * HISTORY_PER_HOME_PAGE }, AbortSignal.timeout(HISTORY_WAIT_MS));
  try {
    let page = requested;
    let answer = await read(page);
    // Runs went away since the page was shown: the last page there is now.
    if (answer.entries.length === 0 && answer.total > 0 && page > 0) {
      page = Math.ceil(answer.total / HISTORY_PER_HOME_PAGE) - 1;
      answer = await read(page);
    }
    return { ...base, page, total: answer.total, entries: answer.entries };
  } catch (error) {
    return { ...base, page: 0, error: upstreamUnavailable(error, provider, 'list its recent runs') };
  }
}

async function permalink(client: WebClient, session: Session): Promise<string | undefined> {
  if (!session.threadTs) return undefined;
  const link = await client.chat.getPermalink({ channel: session.channelId, message_ts: session.threadTs }).catch(() => undefined);
  return link?.permalink;
}
