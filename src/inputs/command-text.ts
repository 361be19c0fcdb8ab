import { slugify } from '../providers/slug.js';
import { stripControlChars } from './text.js';

export type ParsedCommand =
  | {
      ok: true;
      /** The first word, lower-cased, or '' when the text does not start with a plain word. */
      verb: string;
      /** The other words and quoted strings, in order. */
      positional: string[];
      /** `name=value` pairs; names lower-cased and slugified; of two pairs with one name, the later wins. */
      pairs: Record<string, string>;
    }
  | { ok: false; error: string };

// Slack clients turn straight quotes into curly ones, and after '=' (not a space) they often pick the closing form.
const DOUBLE_QUOTES = '"“”„‟';
const SINGLE_QUOTES = "'‘’‚‛";

function quoteFamily(ch: string | undefined): string | undefined {
  if (ch === undefined) return undefined;
  if (DOUBLE_QUOTES.includes(ch)) return DOUBLE_QUOTES;
  if (SINGLE_QUOTES.includes(ch)) return SINGLE_QUOTES;
  return undefined;
}

/** Slack sends `&`, `<` and `>` in command text as HTML entities; control characters never go further. */
function unescapeSlack(text: string): string {
  return stripControlChars(text).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Index of the quote that closes one opened at `open`: same family, followed by whitespace or the end. */
function closingQuote(text: string, open: number, family: string): number {
  for (let i = open + 1; i < text.length; i++) {
    if (family.includes(text[i] as string) && (i + 1 === text.length || /\s/.test(text[i + 1] as string))) return i;
  }
  return -1;
}

type Token = { kind: 'word' | 'quoted'; text: string } | { kind: 'pair'; name: string; value: string };

type Read = { token: Token; end: number } | { error: string };

/**
 * Reads a quoted string opening at `open`. A single quote with no closing partner is an apostrophe ("’90s"), so
 * the caller reads on as a plain word (null); an unclosed double quote is an error.
 */
function readQuoted(
  text: string,
  open: number,
  tokenStart: number,
): { inner: string; end: number } | { error: string } | null {
  const family = quoteFamily(text[open]);
  if (family === undefined) return null;
  const close = closingQuote(text, open, family);
  if (close >= 0) return { inner: text.slice(open + 1, close), end: close + 1 };
  if (family === SINGLE_QUOTES) return null;
  const shown = text.slice(tokenStart, tokenStart + 30) + (text.length > tokenStart + 30 ? '…' : '');
  const fix = 'add a closing " after the value, or remove the opening one';
  return { error: `The quote in ${shown} is never closed: ${fix}.` };
}

function readToken(text: string, start: number): Read {
  const quoted = readQuoted(text, start, start);
  if (quoted && 'error' in quoted) return quoted;
  if (quoted) return { token: { kind: 'quoted', text: quoted.inner }, end: quoted.end };

  const end = text.slice(start).search(/\s|$/) + start;
  const word = text.slice(start, end);
  const eq = word.indexOf('=');
  const name = eq > 0 ? slugify(word.slice(0, eq)) : '';
  if (name === '') return { token: { kind: 'word', text: word }, end };

  const value = readQuoted(text, start + eq + 1, start);
  if (value && 'error' in value) return value;
  if (value) return { token: { kind: 'pair', name, value: value.inner }, end: value.end };
  return { token: { kind: 'pair', name, value: word.slice(eq + 1) }, end };
}

/** Parses slash-command text as Slack sends it: `run blog-post topic="AI for dentists" blog-length=medium`. */
export function parseCommandText(raw: string): ParsedCommand {
  const text = unescapeSlack(raw);
  let verb = '';
  const positional: string[] = [];
  const pairs: Record<string, string> = {};
  let i = 0;
  let first = true;
  while (i < text.length) {
    if (/\s/.test(text[i] as string)) {
      i++;
      continue;
    }
    const read = readToken(text, i);
    if ('error' in read) return { ok: false, error: read.error };
    const { token } = read;
    if (token.kind === 'pair') pairs[token.name] = token.value;
    else if (first && token.kind === 'word') verb = token.text.toLowerCase();
    else positional.push(token.text);
    first = false;
    i = read.end;
  }
  return { ok: true, verb, positional, pairs };
}
