/** chat.postMessage, chat.postEphemeral, chat.update, chat.delete, chat.getPermalink. */
import { z } from 'zod';
import { checkBlocks, normalizeBlocks } from '../blocks.js';
import type { ApiResult, JsonObject, StoredMessage } from '../types.js';
import {
  type Args,
  checkMetadata,
  fail,
  failWith,
  type Handler,
  isTs,
  type MethodContext,
  nonEmpty,
  ok,
  parseArgs,
  postable,
  resolveThread,
  sbool,
  sstr,
  toSlackMessage,
} from './common.js';

const contentArgs = {
  channel: sstr.optional(),
  text: sstr.optional(),
  blocks: z.unknown().optional(),
  markdown_text: z.string().optional(),
  attachments: z.unknown().optional(),
  thread_ts: sstr.optional(),
  metadata: z.unknown().optional(),
};
const PostArgs = z.looseObject({ ...contentArgs, reply_broadcast: sbool.optional() });
const EphemeralArgs = z.looseObject({ ...contentArgs, user: sstr.optional() });
const UpdateArgs = z.looseObject({ ...contentArgs, ts: sstr.optional() });
const TsArgs = z.looseObject({ channel: sstr.optional(), ts: sstr.optional(), message_ts: sstr.optional() });

type Content = { text: string; blocks?: JsonObject[]; markdown_text?: string };

/** Slack's content rules shared by post, ephemeral and update. */
function checkContent(
  a: { text?: string; blocks?: unknown; markdown_text?: string; attachments?: unknown },
  maxText: number | undefined,
): { ok: true; content: Content } | { ok: false; result: ApiResult } {
  if (a.markdown_text !== undefined && (nonEmpty(a.text) || a.blocks !== undefined)) {
    return { ok: false, result: fail('markdown_text_conflict') };
  }
  const hasBlocks = Array.isArray(a.blocks) && a.blocks.length > 0;
  if (!nonEmpty(a.text) && !hasBlocks && !nonEmpty(a.markdown_text) && a.attachments === undefined) {
    return { ok: false, result: fail('no_text') };
  }
  if (a.markdown_text !== undefined && a.markdown_text.length > 12_000) return { ok: false, result: fail('msg_too_long') };
  if (maxText !== undefined && (a.text?.length ?? 0) > maxText) return { ok: false, result: fail('msg_too_long') };
  let blocks: JsonObject[] | undefined;
  if (a.blocks !== undefined) {
    const check = checkBlocks(a.blocks, 50);
    if (check.error) return { ok: false, result: failWith(check.error, check.messages) };
    blocks = normalizeBlocks(a.blocks as JsonObject[]);
  }
  // Slack keeps at most 40,000 characters of text and cuts the rest.
  const content: Content = { text: (a.text ?? '').slice(0, 40_000) };
  if (blocks) content.blocks = blocks;
  if (a.markdown_text !== undefined) content.markdown_text = a.markdown_text;
  return { ok: true, content };
}

export function postBotMessage(ctx: MethodContext, channel: string, content: Content, extra: Partial<StoredMessage>, via: string): StoredMessage {
  const { state } = ctx;
  return state.addMessage({
    channel,
    ts: state.nextTs(),
    user: state.botUserId,
    bot_id: state.botId,
    app_id: state.appId,
    history: [],
    postedBy: 'bot',
    via,
    ...content,
    ...extra,
  });
}

const postMessage: Handler = (args, ctx) => {
  const p = parseArgs(PostArgs, args);
  if (!p.ok) return p.result;
  const a = { ...p.data, channel: p.data.channel === undefined ? undefined : ctx.state.dmChannelFor(p.data.channel) };
  const access = postable(ctx.state, a.channel);
  if ('error' in access) return fail(access.error);
  const content = checkContent(a, undefined);
  if (!content.ok) return content.result;
  if (!checkMetadata(a.metadata)) return fail('invalid_metadata_format');
  const extra: Partial<StoredMessage> = {};
  if (a.thread_ts !== undefined) {
    if (!isTs(a.thread_ts)) return fail('invalid_thread_ts');
    const thread = resolveThread(ctx.state, a.channel as string, a.thread_ts);
    extra.thread_ts = thread.threadTs;
    if (thread.orphan) extra.orphan = true;
    if (a.reply_broadcast) extra.reply_broadcast = true;
  }
  if (a.metadata !== undefined) extra.metadata = a.metadata;
  const m = postBotMessage(ctx, a.channel as string, content.content, extra, 'chat.postMessage');
  return ok({ channel: m.channel, ts: m.ts, message: toSlackMessage(ctx.state, m) });
};

const postEphemeral: Handler = (args, ctx) => {
  const p = parseArgs(EphemeralArgs, args);
  if (!p.ok) return p.result;
  const a = p.data;
  const access = postable(ctx.state, a.channel);
  if ('error' in access) return fail(access.error);
  if (!nonEmpty(a.user) || !ctx.state.users.has(a.user)) return fail('user_not_found');
  if (!ctx.state.humanMembers(a.channel as string).includes(a.user)) return fail('user_not_in_channel');
  const content = checkContent(a, undefined);
  if (!content.ok) return content.result;
  if (a.thread_ts !== undefined && !isTs(a.thread_ts)) return fail('invalid_thread_ts');
  const ts = ctx.state.nextTs();
  ctx.state.ephemerals.push({
    channel: a.channel as string,
    user: a.user,
    ts,
    ...(a.thread_ts !== undefined ? { thread_ts: a.thread_ts } : {}),
    text: content.content.markdown_text ?? content.content.text,
    ...(content.content.blocks ? { blocks: content.content.blocks } : {}),
    source: 'chat.postEphemeral',
  });
  return ok({ message_ts: ts });
};

function ownMessage(ctx: MethodContext, a: { channel?: string; ts?: string }, notOwned: string): { m: StoredMessage } | { result: ApiResult } {
  if (!nonEmpty(a.channel) || !ctx.state.channels.has(a.channel)) return { result: fail('channel_not_found') };
  const m = nonEmpty(a.ts) ? ctx.state.findMessage(a.channel, a.ts) : undefined;
  if (!m) return { result: fail('message_not_found') };
  if (m.user !== ctx.state.botUserId) return { result: fail(notOwned) };
  return { m };
}

const update: Handler = (args, ctx) => {
  const p = parseArgs(UpdateArgs, args);
  if (!p.ok) return p.result;
  const a = p.data;
  const found = ownMessage(ctx, a, 'cant_update_message');
  if ('result' in found) return found.result;
  const content = checkContent(a, 4000);
  if (!content.ok) return content.result;
  const m = found.m;
  m.history.push({ text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}), ...(m.markdown_text !== undefined ? { markdown_text: m.markdown_text } : {}), at: Date.now() });
  const c = content.content;
  if (c.markdown_text !== undefined) {
    m.markdown_text = c.markdown_text;
    m.text = '';
    delete m.blocks;
  } else {
    // chat.update keeps the previous blocks when none are given; [] removes them.
    if (a.text !== undefined) m.text = c.text;
    if (c.blocks) {
      if (c.blocks.length > 0) m.blocks = c.blocks;
      else delete m.blocks;
    }
    delete m.markdown_text;
  }
  if (a.metadata !== undefined) m.metadata = a.metadata;
  const message = toSlackMessage(ctx.state, m);
  return ok({ channel: m.channel, ts: m.ts, text: message.text, message });
};

const del: Handler = (args, ctx) => {
  const p = parseArgs(TsArgs, args);
  if (!p.ok) return p.result;
  const found = ownMessage(ctx, p.data, 'cant_delete_message');
  if ('result' in found) return found.result;
  ctx.state.removeMessage(found.m.channel, found.m.ts);
  return ok({ channel: found.m.channel, ts: found.m.ts });
};

const getPermalink: Handler = (args: Args, ctx) => {
  const p = parseArgs(TsArgs, args);
  if (!p.ok) return p.result;
  const { channel, message_ts: ts } = p.data;
  if (!nonEmpty(channel) || !ctx.state.channels.has(channel)) return fail('channel_not_found');
  const m = nonEmpty(ts) ? ctx.state.findMessage(channel, ts) : undefined;
  if (!m) return fail('message_not_found');
  const base = `https://fake.slack/archives/${channel}/p${m.ts.replace('.', '')}`;
  return ok({ channel, permalink: m.thread_ts ? `${base}?thread_ts=${m.thread_ts}&cid=${channel}` : base });
};

export const chatMethods: Record<string, Handler> = {
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': del,
  'chat.getPermalink': getPermalink,
};
