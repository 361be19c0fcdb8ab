/**
 * A structural check that a parsed JSON value is a JSON Schema (draft 2020-12 / draft-07 keywords): the keywords the
 * bot can check without a validator library must have the types the specification gives them. Unknown keywords are
 * allowed, as the specification allows them. Returns the first problem as words for people, or undefined.
 */

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
/** Keywords holding one subschema. */
const ONE = ['additionalProperties', 'items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'additionalItems'];
/** Keywords holding a non-empty list of subschemas. */
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords holding an object of subschemas. */
const MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const COUNTS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minContains', 'maxContains'];
const NUMBERS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` at the top must be an object; below it a subschema may also be `true` or `false`. */
export function jsonSchemaProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'it must be a JSON object such as {"type":"object","properties":{…}}';
  return subschemaProblem(value, '');
}

function subschemaProblem(value: unknown, at: string): string | undefined {
  if (typeof value === 'boolean') return undefined;
  const where = at === '' ? '' : ` at ${at}`;
  if (!isObject(value)) return `the schema${where} must be an object or true/false`;
  const type = value.type;
  if (type !== undefined) {
    const names = Array.isArray(type) ? type : [type];
    const wrong = names.find((name) => typeof name !== 'string' || !TYPES.has(name));
    if (names.length === 0 || wrong !== undefined) return `"type"${where} must be one of ${[...TYPES].join(', ')} (not ${JSON.stringify(wrong ?? type).slice(0, 40)})`;
  }
  const required = value.required;
  if (required !== undefined && (!Array.isArray(required) || required.some((name) => typeof name !== 'string'))) return `"required"${where} must be a list of property names`;
  if (value.enum !== undefined && !Array.isArray(value.enum)) return `"enum"${where} must be a list`;
  for (const key of COUNTS) {
    const count = value[key];
    if (count !== undefined && !(typeof count === 'number' && Number.isInteger(count) && count >= 0)) return `"${key}"${where} must be a whole number, 0 or more`;
  }
  for (const key of NUMBERS) if (value[key] !== undefined && typeof value[key] !== 'number') return `"${key}"${where} must be a number`;
  if (value.pattern !== undefined && !isRegExp(value.pattern)) return `"pattern"${where} must be a regular expression`;
  for (const key of ONE) {
    // Draft-07's list form of "items" is a list of subschemas.
    const sub = value[key];
    if (sub === undefined) continue;
    const problem = key === 'items' && Array.isArray(sub) ? listProblem(sub, `${at}/items`) : subschemaProblem(sub, `${at}/${key}`);
    if (problem) return problem;
  }
  for (const key of LISTS) {
    const list = value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0) return `"${key}"${where} must be a non-empty list of schemas`;
    const problem = listProblem(list, `${at}/${key}`);
    if (problem) return problem;
  }
  for (const key of MAPS) {
    const map = value[key];
    if (map === undefined) continue;
    if (!isObject(map)) return `"${key}"${where} must be an object of schemas`;
    for (const [name, sub] of Object.entries(map)) {
      const problem = subschemaProblem(sub, `${at}/${key}/${name}`);
      if (problem) return problem;
    }
  }
  return undefined;
}

function listProblem(list: Json[], at: string): string | undefined {
  for (const [index, sub] of list.entries()) {
    const problem = subschemaProblem(sub, `${at}/${index}`);
    if (problem) return problem;
  }
  return undefined;
}

function isRegExp(pattern: Json): boolean {
  if (typeof pattern !== 'string') return false;
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
