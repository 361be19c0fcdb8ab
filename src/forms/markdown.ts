import { escapeMrkdwn } from './untrusted.js';

// Private-use stand-ins: BOLD for a bold '*' until italics are done; HOLD...END for code and links while emphasis runs.
const BOLD = '\u{F0000}';
const HOLD = '\u{F0001}';
const HOLD_END = '\u{F0002}';
const HELD = /\u{F0001}(\d+)\u{F0002}/gu;
const LINK = /!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)|<(https?:\/\/[^>\s]+)>/g;
const CODE_SPAN = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
const FENCE = /^ {0,3}```/;

function emphasis(text: string): string {
  return escapeMrkdwn(text)
    .replace(/\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*/g, `${BOLD}_$1_${BOLD}`)
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, `${BOLD}$1${BOLD}`)
    .replace(/(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)/g, `${BOLD}$1${BOLD}`)
    .replace(/(?<![\w*\\])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])/g, '_$1_')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '~$1~')
    .replaceAll(BOLD, '*');
}

/** A URL inside `<…>`: a `|` in it would end the URL and turn the rest into the link's label (a disguised link). */
const linkUrl = (url: string) => escapeMrkdwn(url).replaceAll('|', '%7C');

function link(label: string | undefined, url: string | undefined, bare: string | undefined): string {
  if (bare !== undefined) return `<${linkUrl(bare)}>`;
  return label ? `<${linkUrl(url ?? '')}|${escapeMrkdwn(label)}>` : `<${linkUrl(url ?? '')}>`;
}

function inline(text: string): string {
  const held: string[] = [];
  const hold = (converted: string) => `${HOLD}${held.push(converted) - 1}${HOLD_END}`;
  let out = emphasis(
    text
      .replace(CODE_SPAN, (code) => hold(escapeMrkdwn(code)))
      .replace(LINK, (_m, label?: string, url?: string, bare?: string) => hold(link(label, url, bare))),
  );
  // A link's label can hold a code span, so stand-ins can nest.
  while (out.includes(HOLD)) out = out.replace(HELD, (_m, i: string) => held[Number(i)] ?? '');
  return out;
}

function line(text: string): string {
  const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(text);
  if (heading) {
    const content = (heading[1] ?? '').replace(/\*\*|__/g, '');
    return content ? `*${inline(content)}*` : '';
  }
  if (/^ {0,3}([-*_])(?:\s*\1){2,}\s*$/.test(text)) return '──────────';
  const quote = /^(\s*(?:>\s?)+)(.*)$/.exec(text);
  if (quote) return `${(quote[1] ?? '').replace(/\s+/g, '')} ${line(quote[2] ?? '')}`.trimEnd();
  const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(text);
  if (bullet) return `${bullet[1]}• ${inline(bullet[2] ?? '')}`;
  return inline(text);
}

/**
 * Jasper's Markdown as Slack mrkdwn: headings as bold lines, **bold** and *italic* in Slack's marks, links as
 * <url|text>, '-' bullets as '•', numbered lists kept. Code is not reformatted, only escaped.
 */
export function markdownToMrkdwn(md: string): string {
  let inFence = false;
  return md
    .split('\n')
    .map((text) => {
      if (FENCE.test(text)) {
        // Slack shows a fence's language tag as code, so it goes.
        const fence = inFence ? text : text.replace(/^(\s*```)[^`]*$/, '$1');
        inFence = !inFence;
        return escapeMrkdwn(fence);
      }
      return inFence ? escapeMrkdwn(text) : line(text);
    })
    .join('\n');
}

/** [start, end) of each ``` fenced block, from its opening line to the end of its closing line (or of the text). */
function fenceRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let open = -1;
  let pos = 0;
  for (const l of text.split('\n')) {
    if (FENCE.test(l)) {
      if (open < 0) open = pos;
      else {
        ranges.push([open, pos + l.length]);
        open = -1;
      }
    }
    pos += l.length + 1;
  }
  if (open >= 0) ranges.push([open, text.length]);
  return ranges;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const SEPARATORS = ['\n\n', '\n', ' '];

/** Where the part that starts at `start` ends: the latest paragraph break, else line break, else space, else hard. */
function cutPoint(text: string, start: number, maxChars: number, fences: [number, number][]): number {
  let end = start + maxChars;
  if (isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) end -= 1;
  const inFence = (cut: number) => fences.some(([a, b]) => a < cut && cut < b);
  for (const avoidFences of [true, false]) {
    for (const sep of SEPARATORS) {
      for (let q = text.lastIndexOf(sep, end - sep.length); q >= start; q = text.lastIndexOf(sep, q - 1)) {
        const cut = q + sep.length;
        if (cut > start && !(avoidFences && inFence(cut))) return cut;
        if (q === 0) break;
      }
    }
  }
  return end;
}

/**
 * Splits `text` into parts of at most `maxChars` UTF-16 units whose concatenation is exactly `text`. Parts end at
 * paragraph breaks where possible, then line breaks, then spaces, and outside ``` fences when a break outside exists;
 * a surrogate pair is never split.
 */
export function splitMessage(text: string, maxChars: number): string[] {
  if (!Number.isInteger(maxChars) || maxChars < 2) {
    throw new RangeError(`maxChars must be an integer of at least 2 (got ${maxChars}).`);
  }
  const fences = fenceRanges(text);
  const parts: string[] = [];
  let start = 0;
  while (text.length - start > maxChars) {
    const cut = cutPoint(text, start, maxChars, fences);
    parts.push(text.slice(start, cut));
    start = cut;
  }
  if (start < text.length) parts.push(text.slice(start));
  return parts;
}
