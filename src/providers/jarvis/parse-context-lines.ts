import { readKeyValueLines } from '../values/key-value-lines.js';
import { ProviderError } from '../errors.js';

/**
 * The Context input's text (a `key_value` input) as Jarvis's `context` object. The form and the conversation check
 * the lines already; a value that reaches here unchecked is refused the same way, with the line's number.
 */
export function parseContextLines(text: string): Record<string, string> {
  const read = readKeyValueLines(text, 'Context');
  if (!read.ok) throw new ProviderError('bad_request', read.message);
  // A Map, then fromEntries: a key such as "__proto__" stays an ordinary own property.
  return Object.fromEntries(new Map(read.entries));
}
