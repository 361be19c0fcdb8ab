import type { CombinedCatalogue } from '../../catalogue/combined-catalogue.js';
import { HISTORY_PER_PAGE, historyMessage, type HistoryCursor } from '../../forms/history-blocks.js';
import { escapeMrkdwn } from '../../forms/untrusted.js';
import { truncate } from '../../forms/limits.js';
import type { ProviderWith } from '../../providers/types.js';
import { upstreamUnavailable } from '../replies/upstream-unavailable.js';
import type { Reply } from '../replies/command-replies.js';

/** A history page is a person waiting on an ephemeral reply or a button: it gives up after this. */
const HISTORY_TIMEOUT_MS = 5_000;

/** What `/jasper history` was asked for, read against the catalogue: the agent API, and its filters. */
export type HistoryRequest = { ok: true; cursor: HistoryCursor } | { ok: false; reply: Reply };

/**
 * `/jasper history [task] [status]`, in any order: a word that is one of a history's statuses filters by it; anything
 * else names a task (`paperclip`, `jarvis:hermes`) whose agent API keeps a history.
 */
export async function readHistoryRequest(catalogue: CombinedCatalogue, words: readonly string[], command: string): Promise<HistoryRequest> {
  const withHistory = catalogue.providers.filter((p): p is ProviderWith<'history'> => p.history !== undefined);
  const first = withHistory[0];
  if (!first) return { ok: false, reply: { text: `None of the agents here keeps a run history I can show (${catalogue.displayName} does not list past runs).` } };
  let provider = first;
  let taskId: string | undefined;
  let status: string | undefined;
  for (const word of words) {
    const asStatus = withHistory.find((p) => p.history.statuses.includes(word.toLowerCase()));
    if (asStatus && status === undefined) {
      status = word.toLowerCase();
      if (taskId === undefined) provider = asStatus;
      continue;
    }
    const lookup = await catalogue.find(word);
    const owner = lookup.kind === 'found' ? withHistory.find((p) => p.id === lookup.task.provider) : undefined;
    if (lookup.kind !== 'found' || !owner || taskId !== undefined) {
      const statuses = provider.history.statuses.join(', ');
      return {
        ok: false,
        reply: { text: `I can't filter the history by \`${escapeMrkdwn(truncate(word, 40))}\`. Name an agent's task and a status (${statuses}), e.g. \`${command} history paperclip completed\`.` },
      };
    }
    provider = owner;
    taskId = lookup.task.id;
  }
  if (status !== undefined && !provider.history.statuses.includes(status)) {
    return { ok: false, reply: { text: `${provider.displayName} runs are ${provider.history.statuses.join(', ')}; not \`${escapeMrkdwn(status)}\`.` } };
  }
  return { ok: true, cursor: { provider: provider.id, ...(taskId !== undefined && { taskId }), ...(status !== undefined && { status }), offset: 0 } };
}

/** One page of the history the cursor names, as a message; a failing agent API is said in a sentence. */
export async function historyPage(catalogue: CombinedCatalogue, cursor: HistoryCursor, now = Date.now()): Promise<Reply> {
  const provider = catalogue.provider(cursor.provider);
  if (!provider?.history) return { text: 'That history is no longer available here. Try the history command again.' };
  try {
    const page = await provider.history.list(
      { ...(cursor.taskId !== undefined && { taskId: cursor.taskId }), ...(cursor.status !== undefined && { status: cursor.status }), limit: HISTORY_PER_PAGE, offset: cursor.offset },
      AbortSignal.timeout(HISTORY_TIMEOUT_MS),
    );
    const tasks = await catalogue.tasks().catch(() => []);
    const taskNames = new Map(tasks.filter((t) => t.provider === provider.id).map((t) => [t.id, t.name]));
    return historyMessage({ agent: provider.displayName, cursor, entries: page.entries, total: page.total, taskNames, now });
  } catch (error) {
    return { text: upstreamUnavailable(error, provider, 'show its history') };
  }
}
