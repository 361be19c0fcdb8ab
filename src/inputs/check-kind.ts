import type { InputField, InputKind } from '../providers/types.js';
import type { CheckedText } from '../providers/values/checked-text.js';
import { checkJson, checkJsonSchema } from './json-value.js';
import { checkKeyValueLines } from '../providers/values/key-value-lines.js';
import { checkNumber } from './number-value.js';
import { checkUrl } from './url-value.js';

/** The kinds whose typed text must have a form (an address, a number, JSON, key/value lines) to be taken. */
export type CheckedKind = Extract<InputKind, 'url' | 'number' | 'json' | 'json_schema' | 'key_value'>;

/** One place the modal, the conversation and `name=value` pairs check a value of these kinds (non-empty text). */
export function checkKindText(field: InputField, kind: CheckedKind, text: string): CheckedText {
  switch (kind) {
    case 'url':
      return checkUrl(text);
    case 'number':
      return checkNumber(field, text);
    case 'json':
      return checkJson(text);
    case 'json_schema':
      return checkJsonSchema(text);
    case 'key_value':
      return checkKeyValueLines(text);
  }
}
