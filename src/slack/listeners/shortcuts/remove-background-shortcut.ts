import type { AllMiddlewareArgs, MessageShortcut as BoltMessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { baseContentType } from '../../../providers/jasper/knowledge.js';
import type { SlackServices } from '../../services/slack-services.js';
import { SlackFileError, downloadFile, fileInfo } from '../../knowledge/slack-file.js';
import { MessageShortcutSchema, threadOf } from '../../message-tools/shortcut-payload.js';
import { tellUser } from '../../message-tools/tell-user.js';
import { featureError } from '../../replies/feature-error.js';
import { slackErrorCode } from '../../thread/slack-errors.js';

type Args = SlackShortcutMiddlewareArgs<BoltMessageShortcut> & AllMiddlewareArgs;

export const REMOVE_BACKGROUND_SHORTCUT = 'jasper.remove_background';

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/**
 * "Remove background" on a message with an image: the file is checked against the agent's limits (type, size, pixels)
 * from what Slack says of it before anything is downloaded or sent; then fetched with the bot token, cut out, and the
 * result uploaded to the message's thread.
 */
export function removeBackgroundShortcut(services: Pick<SlackServices, 'catalogue'>) {
  return async ({ ack, shortcut, client, context, logger }: Args): Promise<void> => {
    await ack();
    const parsed = MessageShortcutSchema.safeParse(shortcut);
    if (!parsed.success) return;
    const { user, channel, message } = parsed.data;
    const provider = services.catalogue.firstWith('images');
    const threadTs = threadOf(message);
    const where = { channelId: channel.id, userId: user.id, threadTs };
    const fileId = message.files?.[0]?.id;
    if (!provider || !context.botToken) return tellUser(client, where, `${services.catalogue.displayName} can't remove backgrounds through this bot.`);
    const { limits } = provider.images;
    if (!fileId) return tellUser(client, where, 'That message has no image. Use the shortcut on a message with an image attached.');
    try {
      const file = await fileInfo(client, fileId);
      const type = baseContentType(file.mimetype ?? '');
      const pixels = file.original_w && file.original_h ? file.original_w * file.original_h : undefined;
      const refusal = !type.startsWith('image/') || !limits.contentTypes.includes(type)
        ? `*${file.name}* is not an image ${provider.displayName} can work on (it takes PNG, JPEG and WebP images).`
        : file.size > limits.maxBytes
          ? `*${file.name}* is ${megabytes(file.size)}; ${provider.displayName} takes images up to ${megabytes(limits.maxBytes)}.`
          : pixels !== undefined && pixels > limits.maxPixels
            ? `*${file.name}* has ${Math.round(pixels / 1e5) / 10} megapixels; ${provider.displayName} takes images up to ${limits.maxPixels / 1e6} megapixels.`
            : undefined;
      if (refusal) return tellUser(client, where, `I can't remove the background: ${refusal}`);
      const bytes = await downloadFile(file, context.botToken, limits.maxBytes);
      const cutOut = await provider.images.removeBackground({ fileName: file.name, contentType: type, bytes });
      await client.filesUploadV2({
        channel_id: channel.id,
        thread_ts: threadTs,
        file: Buffer.from(cutOut.bytes),
        filename: cutOut.fileName,
        title: cutOut.fileName,
        initial_comment: `<@${user.id}> removed the background of *${file.name}* with ${provider.displayName}.`,
      });
    } catch (error) {
      logger.warn(`Remove background failed: ${String(error)}`);
      const slack = slackErrorCode(error);
      const text =
        error instanceof SlackFileError
          ? error.userMessage
          : slack
            ? `I couldn't upload the result to that thread (${slack}). Invite me with \`/invite @Jasper\`, then try again.`
            : featureError(error, provider, 'background removal', 'remove the background');
      await tellUser(client, where, text);
    }
  };
}
