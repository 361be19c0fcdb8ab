import type { InputField } from '../providers/types.js';
import { accept, type CheckedText, refuse, shown } from '../providers/values/checked-text.js';

/** The range a `number` field takes, as people read it ("1 to 25", "at least 1", "any whole number"). */
export function rangeText(field: Pick<InputField, 'min' | 'max'>): string {
  const { min, max } = field;
  if (min !== undefined && max !== undefined) return `${min} to ${max}`;
  if (min !== undefined) return `${min} or more`;
  if (max !== undefined) return `${max} or less`;
  return 'any whole number';
}

/** A whole number in the field's range, kept as its decimal text ("12"). */
export function checkNumber(field: Pick<InputField, 'min' | 'max'>, text: string): CheckedText {
  const typed = text.trim().replace(/[,_](?=\d{3}\b)/g, '');
  const range = rangeText(field);
  if (!/^[-+]?\d+$/.test(typed)) return refuse(`${shown(text)} is not a whole number: type one (${range}).`);
  const n = Number(typed);
  if (!Number.isSafeInteger(n)) return refuse(`${shown(text)} is too large: type a number from ${range}.`);
  const { min, max } = field;
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
    return refuse(`${n} is out of range: type a number from ${range}.`);
  }
  return accept(String(n));
}
