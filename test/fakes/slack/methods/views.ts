/** views.open, views.update, views.push, views.publish. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { normalizeBlocks } from '../blocks.js';
import type { SlackState } from '../state.js';
import { randomId } from '../state.js';
import type { ApiResult, JsonObject, SlackView, StoredView } from '../types.js';
import { checkView, type ViewInput } from '../view-schema.js';
import { fail, failWith, type Handler, type MethodContext, nonEmpty, ok, parseArgs, sstr } from './common.js';

const OpenArgs = z.looseObject({ trigger_id: sstr.optional(), interactivity_pointer: sstr.optional(), view: z.unknown().optional() });
const UpdateArgs = z.looseObject({ view_id: sstr.optional(), external_id: sstr.optional(), hash: sstr.optional(), view: z.unknown().optional() });
const PublishArgs = z.looseObject({ user_id: sstr.optional(), hash: sstr.optional(), view: z.unknown().optional() });

const newHash = () => `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;

function build(state: SlackState, input: ViewInput, id: string, root: string | null, previous: string | null): SlackView {
  const v: SlackView = {
    id,
    team_id: state.teamId,
    type: input.type,
    blocks: normalizeBlocks(input.blocks as JsonObject[]),
    private_metadata: input.private_metadata ?? '',
    callback_id: input.callback_id ?? '',
    external_id: input.external_id ?? '',
    state: { values: {} },
    hash: newHash(),
    clear_on_close: input.type === 'modal' ? (input.clear_on_close ?? false) : false,
    notify_on_close: input.type === 'modal' ? (input.notify_on_close ?? false) : false,
    root_view_id: root,
    previous_view_id: previous,
    app_id: state.appId,
    app_installed_team_id: state.teamId,
    bot_id: state.botId,
  };
  if (input.type === 'modal') {
    v.title = input.title;
    v.submit = input.submit ?? null;
    v.close = input.close ?? null;
    if (input.submit_disabled !== undefined) v.submit_disabled = input.submit_disabled;
  }
  return v;
}

function externalIdTaken(state: SlackState, externalId: string | undefined, except?: string): boolean {
  if (!externalId) return false;
  return [...state.views.values()].some((s) => s.view.external_id === externalId && s.view.id !== except && s.open);
}

function store(state: SlackState, view: SlackView, userId: string, via: string): StoredView {
  const stored: StoredView = { view, userId, open: true, versions: [view], via: [via] };
  state.views.set(view.id, stored);
  return stored;
}

/** Keeps typed input values whose block_id and action_id survive an update, as Slack does. */
function carriedState(old: SlackView, next: SlackView): SlackView['state'] {
  const values: SlackView['state']['values'] = {};
  for (const b of next.blocks) {
    const blockId = typeof b.block_id === 'string' ? b.block_id : undefined;
    const el = b.element && typeof b.element === 'object' && !Array.isArray(b.element) ? b.element : undefined;
    const actionId = el && typeof el.action_id === 'string' ? el.action_id : undefined;
    const kept = blockId && actionId ? old.state.values[blockId]?.[actionId] : undefined;
    if (blockId && actionId && kept) values[blockId] = { [actionId]: kept };
  }
  return { values };
}

/** What views.open and views.push both require: a valid modal and a fresh trigger (used up by this call). */
function modalWithTrigger(args: Parameters<Handler>[0], ctx: MethodContext): { result: ApiResult } | { view: ViewInput; userId: string } {
  const p = parseArgs(OpenArgs, args);
  if (!p.ok) return { result: p.result };
  if (p.data.view === undefined) return { result: failWith('invalid_arguments', ['missing required field: view']) };
  const check = checkView(p.data.view, 'modal');
  if (!check.ok) return { result: failWith(check.error, check.messages) };
  const trigger = ctx.state.useTrigger(p.data.trigger_id ?? p.data.interactivity_pointer);
  if (!trigger.ok) {
    return { result: trigger.error === 'invalid_arguments' ? failWith('invalid_arguments', ['missing required field: trigger_id']) : fail(trigger.error) };
  }
  return { view: check.view, userId: trigger.trigger.userId };
}

const open: Handler = (args, ctx) => {
  const checked = modalWithTrigger(args, ctx);
  if ('result' in checked) return checked.result;
  const { state } = ctx;
  if (externalIdTaken(state, checked.view.external_id)) return fail('duplicate_external_id');
  const id = randomId('V', 5);
  const view = build(state, checked.view, id, id, null);
  store(state, view, checked.userId, 'views.open');
  state.modalStacks.set(checked.userId, [id]);
  return ok({ view });
};

const push: Handler = (args, ctx) => {
  const checked = modalWithTrigger(args, ctx);
  if ('result' in checked) return checked.result;
  const { state } = ctx;
  const stack = state.modalStacks.get(checked.userId) ?? [];
  const top = stack[stack.length - 1];
  if (top === undefined) return fail('not_found');
  if (stack.length >= 3) return fail('push_limit_reached');
  if (externalIdTaken(state, checked.view.external_id)) return fail('duplicate_external_id');
  const id = randomId('V', 5);
  const view = build(state, checked.view, id, stack[0] ?? id, top);
  store(state, view, checked.userId, 'views.push');
  stack.push(id);
  return ok({ view });
};

const update: Handler = (args, ctx) => {
  const p = parseArgs(UpdateArgs, args);
  if (!p.ok) return p.result;
  const { state } = ctx;
  const a = p.data;
  if (!nonEmpty(a.view_id) && !nonEmpty(a.external_id)) return failWith('invalid_arguments', ['missing required field: view_id or external_id']);
  const stored = nonEmpty(a.view_id)
    ? state.views.get(a.view_id)
    : [...state.views.values()].find((s) => s.view.external_id === a.external_id);
  if (!stored || !stored.open) return fail('not_found');
  if (nonEmpty(a.hash) && a.hash !== stored.view.hash) return fail('hash_conflict');
  if (a.view === undefined) return failWith('invalid_arguments', ['missing required field: view']);
  const check = checkView(a.view, stored.view.type);
  if (!check.ok) return failWith(check.error, check.messages);
  if (externalIdTaken(state, check.view.external_id, stored.view.id)) return fail('duplicate_external_id');
  const next = build(state, check.view, stored.view.id, stored.view.root_view_id, stored.view.previous_view_id);
  next.state = carriedState(stored.view, next);
  stored.view = next;
  stored.versions.push(next);
  stored.via.push('views.update');
  return ok({ view: next });
};

const publish: Handler = (args, ctx) => {
  const p = parseArgs(PublishArgs, args);
  if (!p.ok) return p.result;
  const { state } = ctx;
  const a = p.data;
  if (!nonEmpty(a.user_id)) return failWith('invalid_arguments', ['missing required field: user_id']);
  if (!state.users.has(a.user_id)) return fail('user_not_found');
  if (a.view === undefined) return failWith('invalid_arguments', ['missing required field: view']);
  const check = checkView(a.view, 'home');
  if (!check.ok) return failWith(check.error, check.messages);
  const existingId = state.homeViews.get(a.user_id);
  const existing = existingId ? state.views.get(existingId) : undefined;
  if (existing && nonEmpty(a.hash) && a.hash !== existing.view.hash) return fail('hash_conflict');
  if (existing) {
    const next = build(state, check.view, existing.view.id, null, null);
    existing.view = next;
    existing.versions.push(next);
    existing.via.push('views.publish');
    return ok({ view: next });
  }
  const view = build(state, check.view, randomId('V', 5), null, null);
  store(state, view, a.user_id, 'views.publish');
  state.homeViews.set(a.user_id, view.id);
  return ok({ view });
};

export const viewMethods: Record<string, Handler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
