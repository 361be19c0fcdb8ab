/** Plain-text helpers for values and the messages about them (no Slack here). */

/** C0 control characters other than tab and newline: never sent upstream or to Slack. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F]/g;

export function stripControlChars(text: string): string {
  return text.replace(CONTROL, '');
}

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
