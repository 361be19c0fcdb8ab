/**
 * Slack's platform limits (shared/api-docs/slack-limits.md), in one place. Character limits are applied to UTF-16
 * length (`string.length`), which is never less than Slack's own count, so text that fits here fits there.
 */

// Block Kit
export const MESSAGE_BLOCKS = 50;
export const MODAL_BLOCKS = 100;
export const HOME_BLOCKS = 100;
export const VIEW_MAX_BYTES = 250_000;
export const SECTION_TEXT = 3000;
export const SECTION_FIELDS = 10;
export const SECTION_FIELD_TEXT = 2000;
export const HEADER_TEXT = 150;
export const INPUT_LABEL = 2000;
export const INPUT_HINT = 2000;
export const PLACEHOLDER = 150;
export const CONTEXT_ELEMENTS = 10;
export const ACTIONS_ELEMENTS = 25;
export const BLOCK_ID = 255;
export const ACTION_ID = 255;
export const BUTTON_TEXT = 75;
export const BUTTON_VALUE = 2000;
export const OPTION_TEXT = 75;
export const OPTION_VALUE = 150;
export const OPTION_DESCRIPTION = 75;
export const STATIC_SELECT_OPTIONS = 100;
export const OPTION_GROUPS = 100;
export const OVERFLOW_OPTIONS = 5;
export const CHECKBOX_OPTIONS = 10;
export const RADIO_OPTIONS = 10;
export const PLAIN_TEXT_INPUT_MAX = 3000;
export const EXTERNAL_SELECT_DEFAULT_MIN_QUERY = 3;
/** Cumulative for all `markdown` blocks in one payload. */
export const MARKDOWN_BLOCKS_TEXT = 12_000;
/** In practice a message whose blocks total more fails with `msg_blocks_too_long`. */
export const MESSAGE_BLOCKS_CHARS = 13_000;

// Modals
export const MODAL_TITLE = 24;
export const MODAL_BUTTON = 24;
export const PRIVATE_METADATA = 3000;
export const CALLBACK_ID = 255;
export const VIEW_STACK = 3;

// Messages
export const MESSAGE_TEXT = 4000;
/** Slack truncates `text` past this. */
export const MESSAGE_TEXT_HARD = 40_000;
export const UPDATE_TEXT = 4000;
/** `markdown_text` on post, update and the stream methods. */
export const MARKDOWN_TEXT = 12_000;
export const MESSAGES_PER_SECOND_PER_CHANNEL = 1;
export const UPDATES_PER_MINUTE = 50;

/**
 * Write rates the bot keeps to, per Web API method (Slack's tiers: 2 = 20+/min, 3 = 50+/min, 4 = 100+/min, all allowing
 * short bursts) and, for chat.postMessage, per channel (about one a second). `burst` is how many may go at once.
 */
export const WRITE_RATES: Readonly<Record<string, { perMinute: number; burst: number; perChannel?: boolean }>> = {
  // Slack does not document its burst per channel; a little under one a second and three at once keeps a margin for
  // clock jitter between our bucket and Slack's.
  'chat.postMessage': { perMinute: MESSAGES_PER_SECOND_PER_CHANNEL * 50, burst: 3, perChannel: true },
  'chat.postEphemeral': { perMinute: 100, burst: 20 },
  'chat.update': { perMinute: UPDATES_PER_MINUTE, burst: 10 },
  'chat.startStream': { perMinute: 20, burst: 10 },
  'chat.appendStream': { perMinute: 100, burst: 20 },
  'chat.stopStream': { perMinute: 20, burst: 10 },
};

// Streaming
export const STREAM_STOP_BLOCKS = 50;
export const STREAM_SDK_BUFFER_CHARS = 256;
export const STATUS_LOADING_MESSAGES = 10;
export const STATUS_CLEARS_AFTER_MS = 2 * 60_000;
/** Undocumented: Slack closes a stream after about five minutes. */
export const STREAM_LIFETIME_MS = 5 * 60_000;
/** Start a fresh stream (or fall back to `chat.update`) before Slack closes the old one. */
export const STREAM_REFRESH_AFTER_MS = 4 * 60_000;

// Requests from Slack
export const ACK_MS = 3000;
export const TRIGGER_ID_MS = 3000;
export const OPTIONS_RESPONSE_MS = 3000;
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;
export const EVENT_RETRIES = 3;
export const SIGNATURE_MAX_AGE_S = 5 * 60;
export const SOCKET_MODE_CONNECTIONS = 10;

const ELLIPSIS = '…';
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// Every grapheme here is one UTF-16 unit (only "\r\n" is longer in ASCII, and '\r' is not here).
const SIMPLE = /^[\t\n\x20-\x7e]*$/;
/** Graphemes are local, so boundaries near the cut need only this much text before it (segmenting is slow). */
const LOOKBEHIND = 64;

/** The longest prefix of at most `room` UTF-16 units that ends between two graphemes. */
function graphemePrefix(text: string, room: number): string {
  const window = text.slice(0, room + 2); // a whole code point at `room`
  if (SIMPLE.test(window)) return text.slice(0, room);
  const from = Math.max(0, room - LOOKBEHIND);
  // The grapheme holding the unit at `room` starts at the last boundary at or before `room`.
  const end = from + (graphemes.segment(window.slice(from)).containing(room - from)?.index ?? 0);
  return text.slice(0, end);
}

/**
 * Shortens `text` to at most `max` UTF-16 units, ending in '…' when anything was cut. Cuts only between grapheme
 * clusters, so neither a surrogate pair nor an emoji sequence is split.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  return graphemePrefix(text, max - ELLIPSIS.length).trimEnd() + ELLIPSIS;
}

/** "3,412": numbers as people read them in messages. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
