/** reactions.add and reactions.remove (the bot's own reactions on a message). */
import { z } from 'zod';
import { fail, type Handler, nonEmpty, ok, parseArgs, sstr } from './common.js';

const Args = z.looseObject({ channel: sstr.optional(), timestamp: sstr.optional(), name: z.string().optional() });

function change(add: boolean): Handler {
  return (args, { state }) => {
    const p = parseArgs(Args, args);
    if (!p.ok) return p.result;
    const { channel, timestamp, name } = p.data;
    if (!nonEmpty(channel) || !state.channels.has(channel)) return fail('channel_not_found');
    const m = nonEmpty(timestamp) ? state.findMessage(channel, timestamp) : undefined;
    if (!m) return fail('message_not_found');
    if (!nonEmpty(name) || !/^[a-z0-9_+'-]+$/.test(name)) return fail('invalid_name');
    const mine = (m.reactions ??= []);
    const has = mine.includes(name);
    if (add && has) return fail('already_reacted');
    if (!add && !has) return fail('no_reaction');
    if (add) mine.push(name);
    else mine.splice(mine.indexOf(name), 1);
    return ok();
  };
}

export const reactionMethods: Record<string, Handler> = { 'reactions.add': change(true), 'reactions.remove': change(false) };
