/** What Slack does with a POST to a response_url: up to 5 uses in 30 minutes; ephemeral, in_channel, replace, delete. */
import { z } from 'zod';
import { checkBlocks, normalizeBlocks } from './blocks.js';
import type { SlackState } from './state.js';
import type { JsonObject } from './types.js';

const Body = z.looseObject({
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
  replace_original: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  delete_original: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  thread_ts: z.string().optional(),
});
const truthy = (v: boolean | string | undefined) => v === true || v === 'true';

export function postToResponseUrl(state: SlackState, id: string, raw: unknown): { status: number; body: Record<string, unknown> } {
  const r = state.responseUrls.get(id);
  if (!r) return { status: 404, body: { ok: false, error: 'no_such_url' } };
  const record = (status: number, body: Record<string, unknown>) => {
    r.posts.push({ body: (raw ?? {}) as Record<string, unknown>, at: Date.now(), status });
    return { status, body };
  };
  if (Date.now() - r.createdAt > 30 * 60_000) return record(404, { ok: false, error: 'expired_url' });
  if (r.uses >= 5) return record(404, { ok: false, error: 'used_url' });
  const p = Body.safeParse(raw);
  if (!p.success) return record(400, { ok: false, error: 'invalid_payload' });
  const a = p.data;
  let blocks: JsonObject[] | undefined;
  if (a.blocks !== undefined) {
    const check = checkBlocks(a.blocks, 50);
    if (check.error) return record(400, { ok: false, error: check.error, errors: check.messages });
    blocks = normalizeBlocks(a.blocks as JsonObject[]);
  }
  const original = r.channel && r.messageTs ? state.findMessage(r.channel, r.messageTs) : undefined;
  // A button on an ephemeral message: its response_url replaces (or deletes) that message, seen by its user alone.
  const ephemeral = !original && r.messageTs ? state.ephemerals.find((e) => e.ts === r.messageTs && e.channel === r.channel && e.user === r.userId) : undefined;
  if (ephemeral && (truthy(a.replace_original) || truthy(a.delete_original))) {
    if (truthy(a.delete_original)) state.ephemerals.splice(state.ephemerals.indexOf(ephemeral), 1);
    else if (!a.text && !blocks) return record(400, { ok: false, error: 'no_text' });
    else {
      ephemeral.text = a.text ?? '';
      if (blocks) ephemeral.blocks = blocks;
      else delete ephemeral.blocks;
    }
    r.uses += 1;
    return record(200, { ok: true });
  }
  if (truthy(a.delete_original)) {
    if (!original) return record(404, { ok: false, error: 'message_not_found' });
    state.removeMessage(original.channel, original.ts);
  } else if (!a.text && !blocks) {
    return record(400, { ok: false, error: 'no_text' });
  } else if (truthy(a.replace_original) && original) {
    original.history.push({ text: original.text, ...(original.blocks ? { blocks: original.blocks } : {}), at: Date.now() });
    original.text = a.text ?? '';
    if (blocks) original.blocks = blocks;
    else delete original.blocks;
  } else if (a.response_type === 'in_channel' && r.channel) {
    state.addMessage({
      channel: r.channel,
      ts: state.nextTs(),
      user: state.botUserId,
      bot_id: state.botId,
      app_id: state.appId,
      text: a.text ?? '',
      ...(blocks ? { blocks } : {}),
      ...(a.thread_ts ?? r.threadTs ? { thread_ts: a.thread_ts ?? r.threadTs } : {}),
      history: [],
      postedBy: 'bot',
      via: 'response_url',
    });
  } else if (r.channel && r.userId) {
    state.ephemerals.push({
      channel: r.channel,
      user: r.userId,
      ts: state.nextTs(),
      text: a.text ?? '',
      ...(blocks ? { blocks } : {}),
      ...(a.thread_ts ?? r.threadTs ? { thread_ts: a.thread_ts ?? r.threadTs } : {}),
      source: 'response_url',
    });
  }
  r.uses += 1;
  return record(200, { ok: true });
}
