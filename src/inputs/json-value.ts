import { accept, type CheckedText, refuse } from '../providers/values/checked-text.js';
import { jsonSchemaProblem } from '../providers/values/json-schema.js';

const REASON_MAX = 100;
const EXAMPLE_SCHEMA = '{"type":"object","properties":{"title":{"type":"string"}}}';

/** Parses JSON text; the value, or the parser's reason in words. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'it does not parse';
    return { ok: false, reason: reason.slice(0, REASON_MAX) };
  }
}

/**
 * JSON as people paste it in Slack: often in a ``` code block, and with the client's curly quotes where JSON has only
 * straight ones. The text as typed wins when it parses (curly quotes inside a JSON string are kept).
 */
function readPasted(text: string): { text: string; parsed: ReturnType<typeof parseJson> } {
  const typed = text.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/.exec(typed)?.[1] ?? typed;
  for (const candidate of [fenced, fenced.replace(/[“”„‟]/g, '"')]) {
    const parsed = parseJson(candidate);
    if (parsed.ok) return { text: candidate, parsed };
  }
  return { text: fenced, parsed: parseJson(fenced) };
}

/** Any JSON text; kept as typed (trimmed), so the value stays text on the wire. */
export function checkJson(text: string): CheckedText {
  const { text: json, parsed } = readPasted(text);
  return parsed.ok ? accept(json) : refuse(`That is not valid JSON (${parsed.reason}): check the brackets, commas and quotes.`);
}

/** JSON text that is a JSON Schema object. */
export function checkJsonSchema(text: string): CheckedText {
  const { text: json, parsed } = readPasted(text);
  if (!parsed.ok) return refuse(`That is not valid JSON (${parsed.reason}): paste a JSON Schema such as ${EXAMPLE_SCHEMA}.`);
  const problem = jsonSchemaProblem(parsed.value);
  return problem === undefined ? accept(json) : refuse(`That is not a JSON Schema: ${problem}.`);
}
