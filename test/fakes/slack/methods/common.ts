/** Helpers shared by the fake's method handlers: argument coercion, results, channel access, message shape. */
import { z } from 'zod';
import { zodMessages } from '../blocks.js';
import type { SlackState } from '../state.js';
import type { ApiResult, ChannelSpec, JsonObject, StoredMessage } from '../types.js';

export interface MethodContext {
  state: SlackState;
  /** http://127.0.0.1:PORT/ */
  baseUrl: string;
}
export type Args = Record<string, unknown>;
export type Handler = (args: Args, ctx: MethodContext) => ApiResult;

export const ok = (extra: Record<string, unknown> = {}): ApiResult => ({ ok: true, ...extra });
export const fail = (error: string, extra: Record<string, unknown> = {}): ApiResult => ({ ok: false, error, ...extra });
export const failWith = (error: string, messages: string[]): ApiResult =>
  fail(error, { errors: messages, response_metadata: { messages: messages.map((m) => (m.startsWith('[') ? m : `[ERROR] ${m}`)) } });

/** Form fields arrive as strings; JSON bodies carry numbers and booleans. */
export const sstr = z.union([z.string(), z.number()]).transform(String);
export const sbool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');
export const snum = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);

/** Parses a method's arguments; a wrong type answers `invalid_arguments` as Slack does. */
export function parseArgs<S extends z.ZodType>(schema: S, args: Args): { ok: true; data: z.output<S> } | { ok: false; result: ApiResult } {
  const parsed = schema.safeParse(args);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, result: failWith('invalid_arguments', zodMessages(parsed.error, '')) };
}

const TS = /^\d{1,10}\.\d{1,6}$/;
export const isTs = (ts: string) => TS.test(ts);
export const nonEmpty = (s: string | undefined): s is string => typeof s === 'string' && s.length > 0;

/** Can the bot post in this channel? Returns Slack's error name, or the channel. */
export function postable(state: SlackState, channelId: string | undefined): { error: string } | { channel: ChannelSpec } {
  if (!nonEmpty(channelId)) return { error: 'channel_not_found' };
  const channel = state.channels.get(channelId);
  if (!channel) return { error: 'channel_not_found' };
  if (!channel.isMember) return { error: channel.isPrivate ? 'channel_not_found' : 'not_in_channel' };
  return { channel };
}

/** Where a reply goes: Slack files a reply to a reply under the root; an unknown root is accepted but invisible. */
export function resolveThread(state: SlackState, channel: string, threadTs: string): { threadTs: string; orphan: boolean } {
  const parent = state.findMessage(channel, threadTs);
  if (!parent || parent.orphan) return { threadTs, orphan: true };
  return { threadTs: parent.thread_ts ?? parent.ts, orphan: false };
}

export function checkMetadata(metadata: unknown): boolean {
  if (metadata === undefined) return true;
  return z.strictObject({ event_type: z.string().min(1), event_payload: z.record(z.string(), z.unknown()) }).safeParse(metadata).success;
}

/** The message object Slack returns (chat.postMessage `message`, conversations.history entries). */
export function toSlackMessage(state: SlackState, m: StoredMessage): JsonObject {
  const out: JsonObject = { type: 'message', ts: m.ts, user: m.user, text: m.markdown_text ?? m.text, team: state.teamId };
  if (m.bot_id) {
    out.bot_id = m.bot_id;
    out.app_id = m.app_id ?? state.appId;
    out.bot_profile = { id: m.bot_id, app_id: state.appId, name: 'jasper', team_id: state.teamId, deleted: false };
  }
  if (m.subtype) out.subtype = m.subtype;
  if (m.blocks) out.blocks = m.blocks;
  if (m.markdown_text !== undefined && !m.blocks) out.blocks = [{ type: 'markdown', text: m.markdown_text }];
  if (m.thread_ts) {
    out.thread_ts = m.thread_ts;
    const root = state.findMessage(m.channel, m.thread_ts);
    if (root) out.parent_user_id = root.user;
  }
  if (m.files) out.files = m.files.map((f) => ({ id: f.id, name: f.name, title: f.title }));
  if (m.stream) out.streaming_state = m.stream.state;
  if (m.metadata && typeof m.metadata === 'object') out.metadata = m.metadata as JsonObject;
  if (m.history.length > 0) out.edited = { user: m.user, ts: m.ts };
  return out;
}
