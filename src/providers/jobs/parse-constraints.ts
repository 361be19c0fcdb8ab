import { readKeyValueLines } from '../values/key-value-lines.js';
import { ProviderError } from '../errors.js';

/**
 * The Constraints input (a `key_value` input) as the brief's `constraints` object: one `key: value` or `key=value` a
 * line. A value that reads as a number or as true/false is sent as one (limits are usually numbers); anything else as
 * text. A line that does not read is refused with its number.
 */
export function parseConstraints(text: string): Record<string, string | number | boolean> {
  const read = readKeyValueLines(text, 'Constraints');
  if (!read.ok) throw new ProviderError('bad_request', read.message);
  // A Map, then fromEntries: a key such as "__proto__" stays an ordinary own property.
  return Object.fromEntries(new Map(read.entries.map(([key, value]) => [key, scalar(value)])));
}

function scalar(value: string): string | number | boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^-?\d+(\.\d+)?$/.test(value) && Number.isFinite(Number(value))) return Number(value);
  return value;
}
