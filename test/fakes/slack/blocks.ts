/**
 * Block validation as Slack does it: schema and limits per block, counts per surface, unique block_ids,
 * cumulative markdown length. Errors read like Slack's: `must be less than 3001 characters
 * [json-pointer:/blocks/0/text/text]`.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  actionsElement,
  chars,
  contextActionsElement,
  contextElement,
  inputElement,
  plainText,
  sectionAccessory,
  textObject,
} from './block-elements.js';
import type { JsonObject } from './types.js';

const blockId = chars(255, 1).optional();

const section = z
  .strictObject({
    type: z.literal('section'),
    block_id: blockId,
    text: textObject(3000).optional(),
    fields: z.array(textObject(2000)).min(1).max(10, 'no more than 10 items allowed').optional(),
    accessory: sectionAccessory.optional(),
    expand: z.boolean().optional(),
  })
  .superRefine((b, ctx) => {
    if (!b.text && !b.fields) ctx.addIssue({ code: 'custom', path: [], message: 'must provide text or fields' });
  });
const header = z.strictObject({ type: z.literal('header'), block_id: blockId, text: plainText(150), level: z.number().optional() });
const context = z.strictObject({
  type: z.literal('context'),
  block_id: blockId,
  elements: z.array(contextElement).min(1).max(10, 'no more than 10 items allowed'),
});
const actions = z.strictObject({
  type: z.literal('actions'),
  block_id: blockId,
  elements: z.array(actionsElement).min(1).max(25, 'no more than 25 items allowed'),
});
const divider = z.strictObject({ type: z.literal('divider'), block_id: blockId });
const image = z.strictObject({
  type: z.literal('image'),
  block_id: blockId,
  image_url: chars(3000).optional(),
  slack_file: z.looseObject({}).optional(),
  alt_text: chars(2000),
  title: plainText(2000).optional(),
});
const input = z.strictObject({
  type: z.literal('input'),
  block_id: blockId,
  label: plainText(2000),
  element: inputElement,
  hint: plainText(2000).optional(),
  optional: z.boolean().optional(),
  dispatch_action: z.boolean().optional(),
});
const markdown = z.strictObject({ type: z.literal('markdown'), block_id: blockId, text: chars(12000, 1) });
const richText = z.strictObject({
  type: z.literal('rich_text'),
  block_id: blockId,
  elements: z.array(
    z.looseObject({
      type: z.enum(['rich_text_section', 'rich_text_list', 'rich_text_quote', 'rich_text_preformatted']),
      elements: z.array(z.looseObject({ type: z.string() })),
    }),
  ),
});
const contextActions = z.strictObject({
  type: z.literal('context_actions'),
  block_id: blockId,
  elements: z.array(contextActionsElement).min(1).max(5, 'no more than 5 items allowed'),
});
/**
 * Slack's table block reference: `rows` (at most 100) of at most 20 cells, each a `raw_text` or `rich_text` cell;
 * `column_settings` at most 20, each `align` (left, center, right) and `is_wrapped`. One table a message.
 */
const rawTextCell = z.strictObject({ type: z.literal('raw_text'), text: z.string() });
const table = z.strictObject({
  type: z.literal('table'),
  block_id: blockId,
  rows: z
    .array(z.array(z.union([rawTextCell, richText.omit({ block_id: true })])).min(1).max(20, 'no more than 20 items allowed'))
    .min(1)
    .max(100, 'no more than 100 items allowed'),
  column_settings: z
    .array(z.strictObject({ align: z.enum(['left', 'center', 'right']).optional(), is_wrapped: z.boolean().optional() }))
    .max(20, 'no more than 20 items allowed')
    .optional(),
});
/** Newer Slack blocks accepted with their top-level shape only (not validated in depth). */
const shallow = (type: string) => z.looseObject({ type: z.literal(type), block_id: blockId });

const block = z.discriminatedUnion('type', [
  section,
  header,
  context,
  actions,
  divider,
  image,
  input,
  markdown,
  richText,
  contextActions,
  shallow('file'),
  shallow('video'),
  table,
  shallow('plan'),
  shallow('task_card'),
  shallow('alert'),
  shallow('card'),
  shallow('carousel'),
  shallow('container'),
  shallow('data_table'),
]);

export interface BlockCheck {
  /** Slack's error name when invalid: invalid_blocks, invalid_blocks_format, msg_blocks_too_long. */
  error?: 'invalid_blocks' | 'invalid_blocks_format' | 'msg_blocks_too_long';
  messages: string[];
}

const pointer = (base: string, path: readonly PropertyKey[]) => `${base}${path.map((p) => `/${String(p)}`).join('')}`;

export function zodMessages(error: z.ZodError, base: string): string[] {
  return error.issues.map((i) => `${i.message} [json-pointer:${pointer(base, i.path)}]`);
}

function textLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + textLength(v), 0);
  if (value && typeof value === 'object') {
    return Object.entries(value).reduce<number>(
      (n, [k, v]) => n + (k === 'text' && typeof v === 'string' ? v.length : textLength(v)),
      0,
    );
  }
  return 0;
}

/** Validates `blocks` for a surface holding at most `max` blocks; `base` is the JSON pointer of the array. */
export function checkBlocks(blocks: unknown, max: number, base = '/blocks'): BlockCheck {
  if (!Array.isArray(blocks)) return { error: 'invalid_blocks_format', messages: [`must be an array [json-pointer:${base}]`] };
  const messages: string[] = [];
  if (blocks.length > max) messages.push(`no more than ${max} items allowed [json-pointer:${base}]`);
  const parsed = z.array(block).safeParse(blocks);
  if (!parsed.success) messages.push(...zodMessages(parsed.error, base));
  const seen = new Set<string>();
  blocks.forEach((b: unknown, i) => {
    const id = b && typeof b === 'object' && 'block_id' in b ? (b as { block_id: unknown }).block_id : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(id)) messages.push(`duplicate block_id ${id} [json-pointer:${base}/${i}/block_id]`);
    seen.add(id);
  });
  blocks.forEach((b: unknown, i) => {
    const elements = b && typeof b === 'object' && 'elements' in b ? (b as { elements: unknown }).elements : undefined;
    if (!Array.isArray(elements)) return;
    const ids = elements
      .map((e: unknown) => (e && typeof e === 'object' && 'action_id' in e ? (e as { action_id: unknown }).action_id : undefined))
      .filter((x): x is string => typeof x === 'string');
    if (new Set(ids).size !== ids.length) messages.push(`duplicate action_id in block [json-pointer:${base}/${i}/elements]`);
  });
  const tables = blocks.filter((b: unknown) => (b as { type?: unknown })?.type === 'table').length;
  if (tables > 1) messages.push(`only one table block is allowed in a message [json-pointer:${base}]`);
  if (messages.length > 0) return { error: 'invalid_blocks', messages };
  const markdownTotal = blocks
    .filter((b): b is { type: 'markdown'; text: string } => (b as { type?: unknown }).type === 'markdown')
    .reduce((n, b) => n + b.text.length, 0);
  if (markdownTotal > 12_000 || textLength(blocks) > 13_000) {
    return { error: 'msg_blocks_too_long', messages: ['blocks are too long'] };
  }
  return { messages: [] };
}

function generatedId(): string {
  return randomBytes(4).toString('base64url').slice(0, 5);
}

function withActionId(element: JsonObject): JsonObject {
  const t = element.type;
  if (typeof t !== 'string' || t === 'image' || t === 'plain_text' || t === 'mrkdwn') return element;
  return element.action_id === undefined ? { ...element, action_id: generatedId() } : element;
}

/** What Slack stores: a block_id on every block (markdown blocks drop theirs), an action_id on every element. */
export function normalizeBlocks(blocks: readonly JsonObject[]): JsonObject[] {
  return blocks.map((b) => {
    if (b.type === 'markdown') {
      const { block_id: _dropped, ...rest } = b;
      return rest;
    }
    const out: JsonObject = { ...b, block_id: typeof b.block_id === 'string' ? b.block_id : generatedId() };
    if (Array.isArray(b.elements) && b.type === 'actions') {
      out.elements = b.elements.map((e) => (e && typeof e === 'object' && !Array.isArray(e) ? withActionId(e) : e));
    }
    if (b.element && typeof b.element === 'object' && !Array.isArray(b.element)) out.element = withActionId(b.element);
    if (b.accessory && typeof b.accessory === 'object' && !Array.isArray(b.accessory)) out.accessory = withActionId(b.accessory);
    return out;
  });
}
