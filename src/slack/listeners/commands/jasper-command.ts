import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCommandText } from '../../../inputs/command-text.js';
import { slackErrorCode } from '../../thread/slack-errors.js';
import type { SlackServices } from '../../services/slack-services.js';
import { openTaskModal, type TaskModalServices } from '../../open-task-modal.js';
import { SlashCommandSchema } from '../../payloads.js';
import { brandBlocks } from '../../../forms/brand-section.js';
import { CHANNEL_DEFAULTS_CALLBACK } from '../views/channel-defaults-submission.js';
import { thisMonth, usageReply } from '../../replies/usage-reply.js';
import { upstreamUnavailable } from '../../replies/upstream-unavailable.js';
import { ambiguousTaskReply, helpReply, taskListReply, unknownTaskReply, unknownVerbReply, type Reply, type TaskLabels } from '../../replies/command-replies.js';
import { addressIn, type CombinedCatalogue } from '../../../catalogue/combined-catalogue.js';
import { historyPage, readHistoryRequest } from '../../history/history-page.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** `/jasper run|list|help`: acknowledged at once; the answer is an ephemeral reply or a modal. */
export function jasperCommand(services: Pick<SlackServices, 'brands' | 'catalogue' | 'channelDefaultsAdmins' | 'command' | 'fill' | 'prefs'> & TaskModalServices) {
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
      await say({ text: `${parsed.error} For example: \`${services.command} run blog-post topic="AI for dentists"\`` });
      return;
    }

    switch (parsed.verb) {
      case '':
      case 'help':
        await say(helpReply(services.command, { history: services.catalogue.firstWith('history') !== undefined }));
        return;
      case 'list': {
        const search = parsed.positional.join(' ');
        try {
          await say(taskListReply(await services.catalogue.search(search), search, services.command, await taskLabels(services.catalogue)));
        } catch (error) {
          logger.warn(`Task list unavailable: ${String(error)}`);
          await say({ text: upstreamUnavailable(error, services.catalogue.first, 'list its tasks') });
        }
        return;
      }
      case 'run':
        break;
      case 'ask':
        // Slack sends slash commands without the thread they were typed in, so the thread is reached by the shortcut.
        await say({
          text: "Slack doesn't tell me which thread a command was typed in, so I can't read the thread from here. Use the *Ask Jasper…* shortcut instead: in the thread, open a message's ⋯ menu, choose *Ask Jasper…*, type your instruction and tick *Read the whole thread*.",
        });
        return;
      case 'usage':
        await say(await workspaceUsage(services, logger));
        return;
      case 'history': {
        const request = await readHistoryRequest(services.catalogue, parsed.positional, services.command);
        await say(request.ok ? await historyPage(services.catalogue, request.cursor) : request.reply);
        return;
      }
      case 'defaults':
        await openChannelDefaults(services, { client, say }, { channelId, userId, triggerId });
        return;
      case 'chat':
        await startChat(services, { client, say, logger }, { channelId, userId, teamId: payload.data.team_id, reference: parsed.positional.join(' '), text });
        return;
      default:
        await say(unknownVerbReply(services.command, parsed.verb));
        return;
    }

    const reference = parsed.positional[0];
    if (!reference) {
      await say({ text: `Which task? For example \`${services.command} run blog-post\`. See \`${services.command} list\` for them all.` });
      return;
    }
    const lookup = await services.catalogue.find(reference);
    if (lookup.kind === 'unavailable') {
      logger.warn(`Task list unavailable: ${String(lookup.error)}`);
      await say({ text: upstreamUnavailable(lookup.error, lookup.provider, 'open that task') });
      return;
    }
    if (lookup.kind === 'missing') {
      const labels = await taskLabels(services.catalogue);
      await say(lookup.ambiguous ? ambiguousTaskReply(reference, lookup.suggestions, services.command, labels) : unknownTaskReply(reference, lookup.suggestions, services.command, labels));
      return;
    }
    try {
      await openTaskModal(services, client, { task: lookup.task, triggerId, channelId, userId, pairs: parsed.pairs });
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

/** `/jasper usage`: read fresh (not from Home's cache), so that a failure can be said with its reason. */
async function workspaceUsage(services: Pick<SlackServices, 'catalogue'>, logger: Args['logger']): Promise<Reply> {
  const provider = services.catalogue.firstWith('usage');
  if (!provider) return { text: `${services.catalogue.displayName} does not report usage through this bot.` };
  try {
    return usageReply(await provider.usage.summary(thisMonth()), provider.displayName);
  } catch (error) {
    logger.warn(`Usage unavailable: ${String(error)}`);
    return { text: upstreamUnavailable(error, provider, 'show its usage') };
  }
}

/** `/jasper chat <task>`: a message in the channel, and the conversation about the task in its thread. */
async function startChat(
  services: Pick<SlackServices, 'catalogue' | 'fill'>,
  io: { client: Args['client']; say: (reply: Reply) => Promise<unknown>; logger: Args['logger'] },
  c: { channelId: string; userId: string; teamId: string; reference: string; text: string },
): Promise<void> {
  let rootTs: string | undefined;
  try {
    const posted = await io.client.chat.postMessage({
      channel: c.channelId,
      text: `<@${c.userId}> is setting up a task here: answers go in the thread.`,
    });
    rootTs = posted.ts;
  } catch (error) {
    const code = slackErrorCode(error);
    io.logger.warn(`Could not start a chat: ${code ?? String(error)}`);
    await io.say({ text: `I can't post in this channel${code ? ` (${code})` : ''}. Invite me with \`/invite @Jasper\`, or DM me instead.` });
    return;
  }
  if (!rootTs) return;
  await services.fill.begin({ channelId: c.channelId, threadTs: rootTs, teamId: c.teamId, userId: c.userId }, c.reference ? `run ${c.reference}` : c.text.replace(/^\s*chat\b/i, ''));
}

/** `/jasper defaults`: the channel's brand defaults in a modal (who may change them is `CHANNEL_DEFAULTS_ADMINS`). */
async function openChannelDefaults(
  services: Pick<SlackServices, 'brands' | 'catalogue' | 'channelDefaultsAdmins' | 'prefs'>,
  io: { client: Args['client']; say: (reply: Reply) => Promise<unknown> },
  c: { channelId: string; userId: string; triggerId: string },
): Promise<void> {
  if (services.channelDefaultsAdmins.length > 0 && !services.channelDefaultsAdmins.includes(c.userId)) {
    await io.say({ text: "Only the people this bot's admins named can change a channel's defaults. Your own defaults are in my Home tab." });
    return;
  }
  const provider = services.catalogue.firstWith('brand');
  const brands = provider && services.brands.get(provider.id);
  const [lists, current] = await Promise.all([brands?.options(), services.prefs.channelDefaults(c.channelId)]);
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

/** Tasks are listed by the address that finds them among every agent's tasks, with the agent they belong to. */
async function taskLabels(catalogue: CombinedCatalogue): Promise<TaskLabels> {
  const all = await catalogue.tasks().catch(() => []);
  return { address: (task) => addressIn(all, task), provider: (task) => catalogue.provider(task.provider)?.displayName ?? task.provider };
}
