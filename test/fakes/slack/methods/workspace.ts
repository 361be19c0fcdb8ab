/** auth.test, users.info, conversations.info and the assistant.threads.* methods. */
import { z } from 'zod';
import type { ApiResult } from '../types.js';
import { type Args, fail, failWith, type Handler, isTs, type MethodContext, nonEmpty, ok, parseArgs, sstr } from './common.js';

const authTest: Handler = (_args, { state }) =>
  ok({
    url: `https://${state.teamDomain}.fake.slack/`,
    team: 'Fake Team',
    user: 'jasper',
    team_id: state.teamId,
    user_id: state.botUserId,
    bot_id: state.botId,
    is_enterprise_install: false,
  });

const usersInfo: Handler = (args, { state }) => {
  const p = parseArgs(z.looseObject({ user: sstr.optional() }), args);
  if (!p.ok) return p.result;
  const id = p.data.user;
  if (nonEmpty(id) && id === state.botUserId) {
    return ok({ user: { id, team_id: state.teamId, name: 'jasper', real_name: 'Jasper', deleted: false, is_bot: true, is_app_user: false, profile: { real_name: 'Jasper', display_name: 'Jasper', bot_id: state.botId } } });
  }
  const u = nonEmpty(id) ? state.users.get(id) : undefined;
  if (!u || !nonEmpty(id)) return fail('user_not_found');
  const realName = u.realName ?? u.name;
  return ok({
    user: {
      id,
      team_id: state.teamId,
      name: u.name,
      real_name: realName,
      deleted: u.deleted ?? false,
      is_bot: u.isBot ?? false,
      is_app_user: false,
      is_admin: (u.isAdmin ?? false) || (u.isOwner ?? false),
      is_owner: u.isOwner ?? false,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      tz: u.tz ?? 'UTC',
      profile: { real_name: realName, display_name: u.name, team: state.teamId },
    },
  });
};

const conversationsInfo: Handler = (args, { state }) => {
  const p = parseArgs(z.looseObject({ channel: sstr.optional() }), args);
  if (!p.ok) return p.result;
  const id = p.data.channel;
  const c = nonEmpty(id) ? state.channels.get(id) : undefined;
  if (!c || !nonEmpty(id) || (c.isPrivate && !c.isMember)) return fail('channel_not_found');
  if (c.isIm) return ok({ channel: { id, created: 1_700_000_000, is_im: true, is_org_shared: false, user: c.user ?? '', is_user_deleted: false, priority: 0 } });
  return ok({
    channel: {
      id,
      name: c.name ?? id.toLowerCase(),
      is_channel: !c.isPrivate,
      is_group: Boolean(c.isPrivate),
      is_im: false,
      is_mpim: false,
      is_private: Boolean(c.isPrivate),
      is_archived: false,
      is_general: id === 'C_GENERAL',
      is_member: c.isMember,
      created: 1_700_000_000,
      creator: 'U1',
      name_normalized: c.name ?? id.toLowerCase(),
      is_shared: false,
      is_ext_shared: false,
      is_org_shared: false,
      context_team_id: state.teamId,
    },
  });
};

const ThreadArgs = z.looseObject({
  channel_id: sstr.optional(),
  thread_ts: sstr.optional(),
  status: z.string().optional(),
  loading_messages: z.array(z.string()).max(10, 'no more than 10 items allowed').optional(),
  prompts: z.array(z.strictObject({ title: z.string().min(1), message: z.string().min(1) })).min(1).max(4, 'no more than 4 items allowed').optional(),
  title: z.string().optional(),
});

/** The assistant thread methods need a channel and the ts of a thread's root message. */
function assistantCall(method: string, required: 'status' | 'prompts' | 'title') {
  return (args: Args, ctx: MethodContext): ApiResult => {
    const p = parseArgs(ThreadArgs, args);
    if (!p.ok) return p.result;
    const a = p.data;
    const { state } = ctx;
    if (!nonEmpty(a.channel_id) || !state.channels.has(a.channel_id)) return fail('channel_not_found', { detail: 'Invalid channel_id' });
    if (!nonEmpty(a.thread_ts) || !isTs(a.thread_ts)) return fail('invalid_thread_ts');
    const root = state.findMessage(a.channel_id, a.thread_ts);
    if (!root || root.thread_ts !== undefined || root.orphan) return fail('invalid_thread_ts');
    if (a[required] === undefined) return failWith('invalid_arguments', [`missing required field: ${required}`]);
    state.assistantCalls.push({ method, channel_id: a.channel_id, thread_ts: a.thread_ts, args, at: Date.now() });
    return ok();
  };
}

export const workspaceMethods: Record<string, Handler> = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'conversations.info': conversationsInfo,
  'assistant.threads.setStatus': assistantCall('assistant.threads.setStatus', 'status'),
  'assistant.threads.setSuggestedPrompts': assistantCall('assistant.threads.setSuggestedPrompts', 'prompts'),
  'assistant.threads.setTitle': assistantCall('assistant.threads.setTitle', 'title'),
};
