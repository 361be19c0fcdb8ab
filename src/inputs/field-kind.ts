import type { InputField, InputKind } from '../providers/types.js';

/** A checkbox input's value in `InputValues`, and the ticked option's value in the modal. */
export const CHECKBOX_TRUE = 'true';
export const CHECKBOX_FALSE = 'false';

/** How a field is really asked for: a select with no options can only be typed. */
export function effectiveKind(field: InputField): InputKind {
  const hasOptions = (field.options?.length ?? 0) > 0;
  if (field.kind === 'select' && !hasOptions) return 'text';
  if (field.kind === 'multi_select' && !hasOptions) return 'tags';
  return field.kind;
}

/** Splits a typed list ("a, b,,c") into its trimmed, non-empty items. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The longest text value the field takes: its own limit, and never more than a Slack text input holds. */
export function textLimit(field: InputField, inputMax: number): number {
  return Math.min(field.maxLength ?? Infinity, inputMax);
}
