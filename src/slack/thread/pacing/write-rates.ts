import type { WriteRate } from './rate-window.js';

/** Slack's write rates (docs: rate limits), kept by the one pacing point for Slack writes. */
export const MESSAGES_PER_SECOND_PER_CHANNEL = 1;
export const UPDATES_PER_MINUTE = 50;

/**
 * Write rates the bot keeps to, per Web API method (Slack's tiers: 2 = 20+/min, 3 = 50+/min, 4 = 100+/min, all allowing
 * short bursts) and, for chat.postMessage, per channel (about one a second). `burst` is how many may go close together.
 * How the shared limiter keeps them with fixed windows (a steady pace plus a burst budget) is in rate-window.ts.
 */
export const WRITE_RATES: Readonly<Record<string, WriteRate & { perChannel?: boolean }>> = {
  // Slack does not document its burst per channel; a little under one a second keeps a margin for clock jitter between
  // our pacing and Slack's. With a burst of 3 the gate lets one through every 1.2 s (rate-window.ts).
  'chat.postMessage': { perMinute: MESSAGES_PER_SECOND_PER_CHANNEL * 50, burst: 3, perChannel: true },
  'chat.postEphemeral': { perMinute: 100, burst: 20 },
  'chat.update': { perMinute: UPDATES_PER_MINUTE, burst: 10 },
  'chat.startStream': { perMinute: 20, burst: 10 },
  'chat.appendStream': { perMinute: 100, burst: 20 },
  'chat.stopStream': { perMinute: 20, burst: 10 },
  // A run's state on the message that started it (Tier 3 and Tier 2).
  'reactions.add': { perMinute: 50, burst: 10 },
  'reactions.remove': { perMinute: 20, burst: 10 },
};
