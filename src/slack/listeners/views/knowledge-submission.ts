import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { readKnowledgeModal } from '../../../forms/knowledge-modal.js';
import { explainError } from '../../../runs/explain-error.js';
import { asProviderError } from '../../../providers/errors.js';
import type { BotDeps } from '../../bot-deps.js';
import { downloadFile, fileInfo } from '../../knowledge/slack-file.js';
import { readViewSubmission } from '../../payloads.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const MetadataSchema = z.object({ fileId: z.string(), channelId: z.string() });

/** The confirmed knowledge upload: the file goes from Slack to the provider; the user is told in the DM how it went. */
export function knowledgeSubmission(deps: BotDeps) {
  return async ({ ack, body, client, context, logger }: Args): Promise<void> => {
    const submission = readViewSubmission(body, MetadataSchema);
    if (!submission) {
      await ack();
      return;
    }
    const { metadata } = submission;
    let read: ReturnType<typeof readKnowledgeModal>;
    try {
      read = readKnowledgeModal(submission.view.state.values);
    } catch {
      await ack();
      return;
    }
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    await ack();
    const provider = deps.catalogue.provider;
    const say = (text: string) => client.chat.postMessage({ channel: submission.user.id, text }).catch(() => undefined);
    if (!provider.uploadKnowledge || !provider.knowledgeLimits || !context.botToken) return;
    try {
      const file = await fileInfo(client, metadata.fileId);
      const bytes = await downloadFile(file, context.botToken, provider.knowledgeLimits.maxBytes);
      const item = await provider.uploadKnowledge({ name: read.name, fileName: file.name, contentType: file.mimetype ?? 'application/octet-stream', bytes, tags: read.tags });
      deps.brands.get(provider.id)?.knowledgeChanged();
      await say(`Added *${item.name}* to ${provider.displayName} knowledge. It can take a few minutes before runs can use it.`);
    } catch (error) {
      logger.warn(`Knowledge upload failed: ${String(error)}`);
      const problem = asProviderError(error);
      await say(`I couldn't add *${read.name}* to ${provider.displayName} knowledge. ${problem.code === 'network' ? problem.message : explainError(problem, provider.displayName)}`);
    }
  };
}
