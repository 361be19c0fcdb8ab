import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCommandText } from '../../../forms/command-text.js';
import { slackErrorCode } from '../../../runs/slack-errors.js';
import type { BotDeps } from '../../bot-deps.js';
import { openTaskModal } from '../../open-task-modal.js';
import { SlashCommandSchema } from '../../payloads.js';
import { brandBlocks } from '../../../forms/brand-section.js';
import { CHANNEL_DEFAULTS_CALLBACK } from '../views/channel-defaults-submission.js';
import { helpReply, taskListReply, unknownTaskReply, unknownVerbReply, type Reply } from '../../replies/command-replies.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** `/jasper run|list|help`: acknowledged at once; the answer is an ephemeral reply or a modal. */
export function jasperCommand(deps: BotDeps) {
  return async ({ command, ack, respond, client, logger }: Args): Promise<void> => {
    await ack();
    const say = (reply: Reply) => respond({ response_type: 'ephemeral', ...reply });
    const payload = SlashCommandSchema.safeParse(command);
    if (!payload.success) {
      logger.warn(`Refused a malformed slash command: ${payload.error.message}`);
      return;
    }
    const { text, user_id: userId, channel_id: channelId, trigger_id: triggerId } = payload.data;
    const parsed = parseCommandText(text);
    if (!parsed.ok) {
      await say({ text: `${parsed.error} For example: \`${deps.command} run blog-post topic="AI for dentists"\`` });
      return;
    }

    switch (parsed.verb) {
      case '':
      case 'help':
        await say(helpReply(deps.command));
        return;
      case 'list': {
        const search = parsed.positional.join(' ');
        try {
          await say(taskListReply(await deps.catalogue.search(search), search, deps.command));
        } catch (error) {
          logger.warn(`Task list unavailable: ${String(error)}`);
          await say({ text: `${deps.catalogue.provider.displayName} is not answering right now, so I can't list its tasks. Try again in a minute.` });
        }
        return;
      }
      case 'run':
        break;
      case 'defaults':
        await openChannelDefaults(deps, { client, say }, { channelId, userId, triggerId });
        return;
      case 'chat':
        await startChat(deps, { client, say, logger }, { channelId, userId, teamId: payload.data.team_id, reference: parsed.positional.join(' '), text });
        return;
      default:
        await say(unknownVerbReply(deps.command, parsed.verb));
        return;
    }

    const reference = parsed.positional[0];
    if (!reference) {
      await say({ text: `Which task? For example \`${deps.command} run blog-post\`. See \`${deps.command} list\` for them all.` });
      return;
    }
    const lookup = await deps.catalogue.find(reference);
    if (lookup.kind === 'unavailable') {
      logger.warn(`Task list unavailable: ${String(lookup.error)}`);
      await say({ text: `${deps.catalogue.provider.displayName} is not answering right now, so I can't open that task. Try again in a minute.` });
      return;
    }
    if (lookup.kind === 'missing') {
      await say(unknownTaskReply(reference, lookup.suggestions, deps.command));
      return;
    }
    try {
      await openTaskModal(deps, client, { task: lookup.task, triggerId, channelId, userId, pairs: parsed.pairs });
    } catch (error) {
      const code = slackErrorCode(error);
      logger.warn(`views.open failed: ${code ?? String(error)}`);
      await say({
        text:
          code === 'expired_trigger_id'
            ? 'Slack closed the window for opening the form before I could. Please run the command again.'
            : `I couldn't open the form for *${lookup.task.name}* (${code ?? 'unexpected error'}). Please try again.`,
      });
    }
  };
}

/** `/jasper chat <task>`: a message in the channel, and the conversation about the task in its thread. */
async function startChat(
  deps: BotDeps,
  io: { client: Args['client']; say: (reply: Reply) => Promise<unknown>; logger: Args['logger'] },
  c: { channelId: string; userId: string; teamId: string; reference: string; text: string },
): Promise<void> {
  let rootTs: string | undefined;
  try {
    const posted = await io.client.chat.postMessage({
      channel: c.channelId,
      text: `<@${c.userId}> is setting up a ${deps.catalogue.provider.displayName} task here: answers go in the thread.`,
    });
    rootTs = posted.ts;
  } catch (error) {
    const code = slackErrorCode(error);
    io.logger.warn(`Could not start a chat: ${code ?? String(error)}`);
    await io.say({ text: `I can't post in this channel${code ? ` (${code})` : ''}. Invite me with \`/invite @Jasper\`, or DM me instead.` });
    return;
  }
  if (!rootTs) return;
  await deps.fill.begin({ channelId: c.channelId, threadTs: rootTs, teamId: c.teamId, userId: c.userId }, c.reference ? `run ${c.reference}` : c.text.replace(/^\s*chat\b/i, ''));
}

/** `/jasper defaults`: the channel's brand defaults in a modal (who may change them is `CHANNEL_DEFAULTS_ADMINS`). */
async function openChannelDefaults(
  deps: BotDeps,
  io: { client: Args['client']; say: (reply: Reply) => Promise<unknown> },
  c: { channelId: string; userId: string; triggerId: string },
): Promise<void> {
  if (deps.channelDefaultsAdmins.length > 0 && !deps.channelDefaultsAdmins.includes(c.userId)) {
    await io.say({ text: "Only the people this bot's admins named can change a channel's defaults. Your own defaults are in my Home tab." });
    return;
  }
  const brands = deps.brands.get(deps.catalogue.provider.id);
  const [lists, current] = await Promise.all([brands?.options(), deps.prefs.channelDefaults(c.channelId)]);
  await io.client.views.open({
    trigger_id: c.triggerId,
    view: {
      type: 'modal',
      callback_id: CHANNEL_DEFAULTS_CALLBACK,
      private_metadata: JSON.stringify({ channelId: c.channelId }),
      title: { type: 'plain_text', text: 'Channel defaults' },
      submit: { type: 'plain_text', text: 'Save' },
      close: { type: 'plain_text', text: 'Cancel' },
      blocks: [
        { type: 'context', elements: [{ type: 'mrkdwn', text: `Runs started in <#${c.channelId}> start from these; people can still change them per run.` }] },
        ...brandBlocks(lists ?? { tones: [], audiences: [], styles: [], languages: [] }, current, { knowledge: false }),
      ],
    },
  });
}
