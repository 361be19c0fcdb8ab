import { accept, type CheckedText, refuse } from './checked-text.js';

const SHOWN_KEY = 40;

export type KeyValueLines = { ok: true; entries: [string, string][] } | { ok: false; message: string };

/**
 * Reads one `key: value` or `key=value` a line; blank lines are skipped. Whichever of `:` and `=` comes first
 * separates key and value, so values may hold either. A line that is neither, an empty key or a key given twice is
 * refused with the line's number ("Context line 2" given the input's `name`). Entries keep their order; turn them into an object with a Map (a key such as
 * "__proto__" must stay an ordinary property).
 */
export function readKeyValueLines(text: string, name = ''): KeyValueLines {
  const seen = new Set<string>();
  const entries: [string, string][] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const at = name === '' ? `Line ${index + 1}` : `${name} line ${index + 1}`;
    const separator = line.search(/[:=]/);
    if (separator < 0) {
      return { ok: false, message: `${at} is not "key: value" or "key=value": put one setting on each line, its name, then ":" or "=", then its value.` };
    }
    const key = line.slice(0, separator).trim();
    if (key === '') return { ok: false, message: `${at} has no name before "${line[separator]}".` };
    if (seen.has(key)) return { ok: false, message: `${at} gives "${key.slice(0, SHOWN_KEY)}" a second time.` };
    seen.add(key);
    entries.push([key, line.slice(separator + 1).trim()]);
  }
  return { ok: true, entries };
}

/** Key/value lines as a field's value: the text as typed (trimmed), once every line reads. */
export function checkKeyValueLines(text: string): CheckedText {
  const typed = text.trim();
  const read = readKeyValueLines(typed);
  if (!read.ok) return refuse(read.message);
  return read.entries.length > 0 ? accept(typed) : refuse('There is no "key: value" line in it: put one setting on each line.');
}
