/**
 * What Slack does with the bot's answer to a view_submission: close the view, clear the stack,
 * show field errors, update or push a view. Anything else is an error the user would see.
 */
import { z } from 'zod';
import { normalizeBlocks } from './blocks.js';
import { randomId, type SlackState } from './state.js';
import type { JsonObject, SlackView } from './types.js';
import { checkView } from './view-schema.js';

export type ViewResponseOutcome =
  | { kind: 'closed' }
  | { kind: 'cleared' }
  | { kind: 'errors'; errors: Record<string, string> }
  | { kind: 'updated'; view: SlackView }
  | { kind: 'pushed'; view: SlackView }
  | { kind: 'invalid'; messages: string[] };

const Response = z.union([
  z.strictObject({ response_action: z.literal('clear') }),
  z.strictObject({ response_action: z.literal('errors'), errors: z.record(z.string(), z.string().min(1)) }),
  z.strictObject({ response_action: z.enum(['update', 'push']), view: z.unknown() }),
]);

/** Closes the view (and any pushed above it), or the whole stack for `clear`. */
function close(state: SlackState, userId: string, viewId: string, all: boolean): void {
  const stack = state.modalStacks.get(userId) ?? [];
  const at = stack.indexOf(viewId);
  const closing = all ? stack.splice(0) : at >= 0 ? stack.splice(at) : [viewId];
  for (const id of closing) {
    const v = state.views.get(id);
    if (v) v.open = false;
  }
}

export function applyViewResponse(state: SlackState, viewId: string, body: unknown): ViewResponseOutcome {
  const stored = state.views.get(viewId);
  if (!stored) return { kind: 'invalid', messages: [`no view ${viewId}`] };
  if (body === undefined || body === null || body === '') {
    close(state, stored.userId, viewId, false);
    return { kind: 'closed' };
  }
  const p = Response.safeParse(body);
  if (!p.success) return { kind: 'invalid', messages: p.error.issues.map((i) => `${i.message} at ${i.path.join('.')}`) };
  const r = p.data;
  if (r.response_action === 'clear') {
    close(state, stored.userId, viewId, true);
    return { kind: 'cleared' };
  }
  if (r.response_action === 'errors') {
    const inputs = new Set(stored.view.blocks.filter((b) => b.type === 'input').map((b) => String(b.block_id)));
    const unknown = Object.keys(r.errors).filter((k) => !inputs.has(k));
    if (unknown.length > 0) return { kind: 'invalid', messages: unknown.map((k) => `errors names ${k}, which is not an input block of the view`) };
    return { kind: 'errors', errors: r.errors };
  }
  const check = checkView(r.view, 'modal', '/view');
  if (!check.ok) return { kind: 'invalid', messages: check.messages };
  const v = check.view;
  if (v.type !== 'modal') return { kind: 'invalid', messages: ['view type must be modal'] };
  const stack = state.modalStacks.get(stored.userId) ?? [];
  if (r.response_action === 'push' && stack.length >= 3) return { kind: 'invalid', messages: ['push_limit_reached'] };
  const id = r.response_action === 'update' ? viewId : randomId('V', 5);
  const next: SlackView = {
    ...stored.view,
    id,
    title: v.title,
    submit: v.submit ?? null,
    close: v.close ?? null,
    blocks: normalizeBlocks(v.blocks as JsonObject[]),
    private_metadata: v.private_metadata ?? '',
    callback_id: v.callback_id ?? '',
    external_id: v.external_id ?? '',
    state: { values: {} },
    hash: `${Math.floor(Date.now() / 1000)}.${randomId('', 4).toLowerCase()}`,
    clear_on_close: v.clear_on_close ?? false,
    notify_on_close: v.notify_on_close ?? false,
    previous_view_id: r.response_action === 'push' ? viewId : stored.view.previous_view_id,
  };
  if (r.response_action === 'update') {
    stored.view = next;
    stored.versions.push(next);
    stored.via.push('response_action:update');
    return { kind: 'updated', view: next };
  }
  state.views.set(id, { view: next, userId: stored.userId, open: true, versions: [next], via: ['response_action:push'] });
  stack.push(id);
  state.modalStacks.set(stored.userId, stack);
  return { kind: 'pushed', view: next };
}
