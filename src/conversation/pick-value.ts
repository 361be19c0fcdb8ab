import { CHECKBOX_FALSE, CHECKBOX_TRUE, effectiveKind } from '../inputs/field-kind.js';
import { EMPTY_MESSAGE, parseTypedValue, type TypedValue } from '../inputs/typed-value.js';
import type { InputField } from '../providers/types.js';

export const GONE_OPTION = 'That option is no longer available: pick another one.';
const PICK_ONE = 'Pick at least one.';

const empty = (message: string): TypedValue => ({ ok: false, reason: 'empty', message });

/**
 * Reads a button or menu choice as the field's value. Option texts must be options as they are now (a button from an
 * older version of the task may name one that is gone); typed-in kinds go through the same checks as a typed reply.
 */
export function readPick(field: InputField, picked: readonly string[]): TypedValue {
  const options = field.options ?? [];
  const values = [...new Set(picked.filter((v) => v.trim() !== ''))];
  const kind = effectiveKind(field);
  switch (kind) {
    case 'select':
    case 'multi_select': {
      const [first] = values;
      if (first === undefined) return empty(PICK_ONE);
      if (values.some((v) => !options.includes(v))) return { ok: false, reason: 'unknown_option', message: GONE_OPTION };
      if (kind === 'multi_select') return { ok: true, value: values };
      if (values.length > 1) return { ok: false, reason: 'unknown_option', message: 'Pick just one.' };
      return { ok: true, value: first };
    }
    case 'knowledge':
    case 'tags': {
      const items = [...new Set(values.map((v) => v.trim()))];
      return items.length > 0 ? { ok: true, value: items } : empty(PICK_ONE);
    }
    case 'checkbox': {
      // An unticked checkbox sends no options.
      const [first] = values;
      if (first === undefined) return { ok: true, value: CHECKBOX_FALSE };
      if (first === CHECKBOX_TRUE || first === CHECKBOX_FALSE) return { ok: true, value: first };
      return parseTypedValue(field, first);
    }
    case 'text':
    case 'long_text':
    case 'url':
    case 'number':
    case 'json':
    case 'json_schema':
    case 'key_value':
      return values.length > 0 ? parseTypedValue(field, values.join(', ')) : empty(EMPTY_MESSAGE);
  }
}
