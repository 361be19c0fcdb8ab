/** Validation of modal and Home tab views (views.open/update/push/publish and response_action views). */
import { z } from 'zod';
import { chars, plainText } from './block-elements.js';
import { checkBlocks, zodMessages } from './blocks.js';

const modal = z.strictObject({
  type: z.literal('modal'),
  title: plainText(24),
  blocks: z.array(z.unknown()),
  close: plainText(24).optional(),
  submit: plainText(24).optional(),
  private_metadata: chars(3000).optional(),
  callback_id: chars(255).optional(),
  clear_on_close: z.boolean().optional(),
  notify_on_close: z.boolean().optional(),
  external_id: chars(255).optional(),
  submit_disabled: z.boolean().optional(),
});
const home = z.strictObject({
  type: z.literal('home'),
  blocks: z.array(z.unknown()),
  private_metadata: chars(3000).optional(),
  callback_id: chars(255).optional(),
  external_id: chars(255).optional(),
});
const view = z.discriminatedUnion('type', [modal, home]);
export type ViewInput = z.infer<typeof view>;

export type ViewCheck =
  | { ok: true; view: ViewInput }
  | { ok: false; error: 'invalid_arguments' | 'view_too_large'; messages: string[] };

/** Checks a view as Slack does; `surface` restricts the type (views.publish takes only a Home view). */
export function checkView(input: unknown, surface: 'modal' | 'home', base = '/view'): ViewCheck {
  if (JSON.stringify(input ?? null).length > 250 * 1024) return { ok: false, error: 'view_too_large', messages: [] };
  const parsed = view.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'invalid_arguments', messages: zodMessages(parsed.error, base).map((m) => `[ERROR] ${m}`) };
  const v = parsed.data;
  const messages: string[] = [];
  if (v.type !== surface) messages.push(`[ERROR] view type must be ${surface} [json-pointer:${base}/type]`);
  const blocks = checkBlocks(v.blocks, 100, `${base}/blocks`);
  messages.push(...blocks.messages.map((m) => `[ERROR] ${m}`));
  if (v.type === 'modal' && !v.submit && v.blocks.some((b) => (b as { type?: unknown }).type === 'input')) {
    messages.push(`[ERROR] submit is required when an input block is within the view [json-pointer:${base}/submit]`);
  }
  return messages.length > 0 ? { ok: false, error: 'invalid_arguments', messages } : { ok: true, view: v };
}
