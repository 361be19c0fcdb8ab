/**
 * conversations.replies as Slack documents it: `channel` and `ts` (the thread's parent, or any message in the thread)
 * required; `limit` (default and most 1000), `cursor`, `oldest`, `latest`, `inclusive`. Answers the parent first, then
 * the replies in order, with `has_more` and `response_metadata.next_cursor` when a page is full. A message that is not
 * in a thread answers just that message. Errors: `channel_not_found`, `thread_not_found`, `invalid_cursor`.
 */
import { z } from 'zod';
import { fail, type Handler, isTs, nonEmpty, ok, parseArgs, snum, sstr, toSlackMessage } from './common.js';

const RepliesArgs = z.looseObject({ channel: sstr.optional(), ts: sstr.optional(), limit: snum.optional(), cursor: z.string().optional() });

const replies: Handler = (args, { state }) => {
  const p = parseArgs(RepliesArgs, args);
  if (!p.ok) return p.result;
  const { channel, ts, cursor } = p.data;
  const c = nonEmpty(channel) ? state.channels.get(channel) : undefined;
  if (!c || !nonEmpty(channel) || (c.isPrivate && !c.isMember) || (!c.isMember && !c.isIm)) return fail('channel_not_found');
  if (!nonEmpty(ts) || !isTs(ts)) return fail('thread_not_found');
  const message = state.findMessage(channel, ts);
  if (!message || message.orphan) return fail('thread_not_found');
  const rootTs = message.thread_ts ?? message.ts;
  const thread = state.channelMessages(channel).filter((m) => !m.orphan && (m.ts === rootTs || m.thread_ts === rootTs));
  const limit = Math.min(Math.max(1, Math.floor(p.data.limit ?? 1000)), 1000);
  const start = cursor === undefined || cursor === '' ? 0 : Number(Buffer.from(cursor, 'base64').toString('utf8').replace(/^next_ts:/, ''));
  if (!Number.isInteger(start) || start < 0) return fail('invalid_cursor');
  const page = thread.slice(start, start + limit);
  const more = start + limit < thread.length;
  return ok({
    messages: page.map((m) => toSlackMessage(state, m)),
    has_more: more,
    response_metadata: { next_cursor: more ? Buffer.from(`next_ts:${start + limit}`).toString('base64') : '' },
  });
};

export const conversationMethods: Record<string, Handler> = { 'conversations.replies': replies };
