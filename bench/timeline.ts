/**
 * One run's life as Slack and the upstream saw it, rebuilt from the gate's call log and the tap's stream timings.
 * A run is found by its tag (in its root message), then everything posted in its thread or edited on its messages.
 */
import type { TappedRequest } from './jasper-tap.js';
import type { GateCall } from '../test/support/slack-gate.js';
import { OUTPUT_PREFIX } from './world.js';

export interface RunTimeline {
  tag: string;
  channel?: string;
  rootTs?: string;
  /** Every call for this run (root, thread, edits), 429s included, in arrival order. */
  calls: GateCall[];
  byMethod: Record<string, number>;
  limited: number;
  firstThreadMessageAt?: number;
  firstVisibleTextAt?: number;
  /** The last write into the thread (the output complete). */
  finalAt?: number;
  /** The root message edited to say Done. */
  doneAt?: number;
  /** Root post ... last call. */
  firstCallAt?: number;
  lastCallAt?: number;
  upstream?: TappedRequest;
}

const ROOT_POST = new Set(['chat.postMessage']);
const THREAD_OPEN = new Set(['chat.postMessage', 'chat.startStream']);

/** Rebuilds the timelines of `tags` from `calls` (a scenario's slice of the gate log). */
export function timelines(tags: readonly string[], calls: readonly GateCall[], upstream: (tag: string) => TappedRequest | undefined): Map<string, RunTimeline> {
  const out = new Map<string, RunTimeline>();
  const roots = new Map<string, string>(); // `${channel}/${rootTs}` -> tag
  const wanted = new Set(tags);
  for (const call of calls) {
    if (!ROOT_POST.has(call.method) || call.threadTs || !call.responseTs || !call.ok) continue;
    const tag = [...wanted].find((t) => call.text.includes(t));
    if (!tag || out.has(tag)) continue;
    const channel = call.responseChannel ?? call.channel ?? '';
    roots.set(`${channel}/${call.responseTs}`, tag);
    out.set(tag, { tag, channel, rootTs: call.responseTs, calls: [], byMethod: {}, limited: 0 });
  }
  // Messages posted in a run's thread belong to it (their later edits and appends too).
  const owned = new Map<string, string>(roots);
  for (const call of calls) {
    if (!call.threadTs || !call.responseTs) continue;
    const tag = owned.get(`${call.channel}/${call.threadTs}`);
    if (tag) owned.set(`${call.responseChannel ?? call.channel}/${call.responseTs}`, tag);
  }
  for (const call of calls) {
    const key = call.threadTs ? `${call.channel}/${call.threadTs}` : call.ts ? `${call.channel}/${call.ts}` : call.responseTs ? `${call.responseChannel ?? call.channel}/${call.responseTs}` : '';
    const tag = owned.get(key);
    const run = tag ? out.get(tag) : undefined;
    if (!run) continue;
    run.calls.push(call);
    run.byMethod[call.method] = (run.byMethod[call.method] ?? 0) + 1;
    if (call.limited || call.status === 429) run.limited += 1;
    run.firstCallAt = Math.min(run.firstCallAt ?? Number.POSITIVE_INFINITY, call.at);
    run.lastCallAt = Math.max(run.lastCallAt ?? 0, call.at);
    if (!call.ok) continue;
    const onRoot = call.ts === run.rootTs && !call.threadTs;
    if (onRoot) {
      if (call.method === 'chat.update' && /Done/.test(call.text)) run.doneAt = call.at;
      continue;
    }
    if (call.responseTs === run.rootTs) continue;
    if (THREAD_OPEN.has(call.method) && call.threadTs === run.rootTs) run.firstThreadMessageAt ??= call.at;
    if (run.firstVisibleTextAt === undefined && call.text.includes(OUTPUT_PREFIX)) run.firstVisibleTextAt = call.at;
    run.finalAt = Math.max(run.finalAt ?? 0, call.at);
  }
  for (const tag of tags) {
    const run = out.get(tag);
    const up = upstream(tag);
    if (run && up) run.upstream = up;
  }
  return out;
}

/** Calls by method, summed over runs. */
export function methodTotals(runs: Iterable<RunTimeline>): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const run of runs) for (const [m, n] of Object.entries(run.byMethod)) totals[m] = (totals[m] ?? 0) + n;
  return totals;
}
