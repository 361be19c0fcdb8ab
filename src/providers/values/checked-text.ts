/** A typed text checked as one kind's value: the value to keep, or why it is refused (plain text, for people). */
export type CheckedText = { ok: true; value: string } | { ok: false; message: string };

export const accept = (value: string): CheckedText => ({ ok: true, value });
export const refuse = (message: string): CheckedText => ({ ok: false, message });

const SHOWN = 40;

/** The user's words, quoted and kept short, for a refusal. */
export function shown(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return `"${one.length > SHOWN ? `${one.slice(0, SHOWN - 1)}…` : one}"`;
}
