/** Figures of the replicas scenario computed from the gate's call log and the replicas' logs (pure functions). */
import type { GateCall } from '../test/support/slack-gate.js';
import { round } from './stats.js';

export interface ChannelRates {
  /** Per channel: its calls / its busy period (first to last call naming it), averaged over the channels. */
  meanPerSecond: number;
  /** The most calls naming one channel in any one-second window, over every channel. */
  maxInOneSecond: number;
  /** Calls naming one of the channels, by method. */
  byMethod: Record<string, number>;
}

/** Slack calls per channel per second, from every call the gate received naming one of `channels`. */
export function channelRates(calls: readonly GateCall[], channels: readonly string[]): ChannelRates {
  const byChannel = new Map<string, number[]>(channels.map((c) => [c, []]));
  const byMethod: Record<string, number> = {};
  for (const call of calls) {
    const times = call.channel === undefined ? undefined : byChannel.get(call.channel);
    if (!times) continue;
    times.push(call.at);
    byMethod[call.method] = (byMethod[call.method] ?? 0) + 1;
  }
  const rates: number[] = [];
  let max = 0;
  for (const times of byChannel.values()) {
    if (times.length === 0) continue;
    times.sort((a, b) => a - b);
    const spanS = (times.at(-1)! - times[0]!) / 1000;
    rates.push(times.length / Math.max(1, spanS));
    max = Math.max(max, maxInWindow(times, 1_000));
  }
  const mean = rates.length === 0 ? Number.NaN : rates.reduce((a, b) => a + b, 0) / rates.length;
  return { meanPerSecond: round(mean, 2), maxInOneSecond: max, byMethod };
}

/** The most of `sorted` (ascending times, ms) inside any window of `windowMs`. */
export function maxInWindow(sorted: readonly number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Distinct sessions each replica's log says it worked on (`Working on session <id>`), in the replicas' order. */
export function sessionsWorkedOn(logs: readonly string[]): number[] {
  return logs.map((log) => new Set([...log.matchAll(/Working on session ([^,\s]+)/g)].map((m) => m[1])).size);
}

/** 429s by rule and method, e.g. `tier chat.appendStream`. */
export function limitedBy(calls: readonly GateCall[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const call of calls) {
    if (!call.limited) continue;
    const key = `${call.limitedBy ?? '?'} ${call.method}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
