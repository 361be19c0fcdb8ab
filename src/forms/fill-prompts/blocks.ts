import type { ActionsBlock, ActionsBlockElement, Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { InputField, InputValue } from '../../providers/types.js';
import { CHECKBOX_TRUE } from '../../inputs/field-kind.js';
import { BUTTON_TEXT, CONTEXT_ELEMENTS, MESSAGE_TEXT, SECTION_TEXT, truncate } from '../limits.js';
import { escapeMrkdwn } from '../untrusted.js';

/** A message of the conversational fill, and where it goes. */
export interface FillMessage {
  /** `post`: a new message in the thread; `ephemeral`: only to the user who acted. */
  placement: 'post' | 'ephemeral';
  /** The notification and screen-reader text (mrkdwn, escaped). */
  text: string;
  blocks: KnownBlock[];
}

export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/**
 * Plain `text` escaped for mrkdwn and shortened (visibly, with '…') so that the escaped form is at most `max`
 * characters. Cut before escaping, so an entity like `&amp;` is never split.
 */
export function mrkdwnWithin(text: string, max: number): string {
  let room = max;
  for (let round = 0; round < 64; round++) {
    const escaped = escapeMrkdwn(truncate(text, room));
    if (escaped.length <= max) return escaped;
    room -= escaped.length - max;
    if (room < 1) break;
  }
  return '';
}

/** Whitespace runs as one space: values shown inline. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A value as people read it (plain text): "Yes", "Blog, LinkedIn", "2 knowledge items". */
export function showValue(field: InputField, value: InputValue): string {
  if (field.kind === 'checkbox') return value === CHECKBOX_TRUE ? 'Yes' : 'No';
  const list = Array.isArray(value) ? value : [value];
  if (field.kind === 'knowledge') return list.length === 1 ? '1 knowledge item' : `${list.length} knowledge items`;
  return oneLine(list.join(', '));
}

/** A section of already-escaped mrkdwn; Slack refuses an empty one. */
export function section(mrkdwn: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, SECTION_TEXT) || ' ' } };
}

/** A context block of already-escaped mrkdwn lines (empty ones left out), or nothing. */
export function context(lines: readonly string[]): ContextBlock[] {
  const elements = lines
    .filter((l) => l.trim() !== '')
    .slice(0, CONTEXT_ELEMENTS)
    .map((l) => ({ type: 'mrkdwn' as const, text: truncate(l, SECTION_TEXT) }));
  return elements.length > 0 ? [{ type: 'context', elements }] : [];
}

export function button(text: string, actionId: string, value?: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    // Slack refuses a button with empty text.
    text: plain(truncate(oneLine(text), BUTTON_TEXT) || '(blank)'),
    ...(value !== undefined && { value }),
    ...(style !== undefined && { style }),
  };
}

export function actions(elements: ActionsBlockElement[], blockId?: string): ActionsBlock[] {
  if (elements.length === 0) return [];
  return [{ type: 'actions', ...(blockId !== undefined && { block_id: blockId }), elements }];
}

/** A message's fallback text from plain text: escaped and within what `chat.postMessage` takes. */
export function fallbackText(plainText: string): string {
  return mrkdwnWithin(plainText, MESSAGE_TEXT) || ' ';
}

export function message(placement: FillMessage['placement'], text: string, blocks: KnownBlock[]): FillMessage {
  return { placement, text, blocks };
}

/** The message with an already-escaped line above it (e.g. "Got it: …"), or unchanged when the line is empty. */
export function withLead(message: FillMessage, line: string): FillMessage {
  return line ? { ...message, blocks: [...context([line]), ...message.blocks] } : message;
}
