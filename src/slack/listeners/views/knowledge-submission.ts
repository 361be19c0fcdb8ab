import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { readKnowledgeModal } from '../../../forms/knowledge-modal.js';
import { explainError } from '../../thread/explain-error.js';
import { asProviderError } from '../../../providers/errors.js';
import type { SlackServices } from '../../services/slack-services.js';
import { SlackFileError, downloadFile, fileInfo } from '../../knowledge/slack-file.js';
import { readViewSubmission } from '../../payloads.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const MetadataSchema = z.object({ fileId: z.string(), fileName: z.string().optional(), channelId: z.string() });

/** The confirmed knowledge upload: the file goes from Slack to the provider; the user is told in the DM how it went. */
export function knowledgeSubmission(services: Pick<SlackServices, 'brands' | 'catalogue' | 'command'>) {
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
    const provider = services.catalogue.firstWith('knowledge');
    const say = (text: string) => client.chat.postMessage({ channel: submission.user.id, text }).catch(() => undefined);
    const limits = provider?.knowledge.limits;
    const upload = provider?.knowledge.upload?.bind(provider.knowledge);
    if (!provider || !upload || !limits || !context.botToken) return;
    try {
      const file = await fileInfo(client, metadata.fileId, metadata.fileName);
      const bytes = await downloadFile(file, context.botToken, limits.maxBytes);
      const item = await upload({ name: read.name, fileName: file.name, contentType: file.mimetype ?? 'application/octet-stream', bytes, tags: read.tags });
      services.brands.get(provider.id)?.knowledgeChanged();
      await say(`Added *${item.name}* to ${provider.displayName} knowledge. It can take a few minutes before runs can use it.`);
    } catch (error) {
      logger.warn(`Knowledge upload failed: ${String(error)}`);
      if (error instanceof SlackFileError) {
        await say(`I couldn't add *${read.name}* to ${provider.displayName} knowledge. ${error.userMessage}`);
        return;
      }
      const problem = asProviderError(error);
      await say(`I couldn't add *${read.name}* to ${provider.displayName} knowledge. ${problem.code === 'network' ? problem.message : explainError(problem, provider.displayName, { settings: provider.settings, command: services.command })}`);
    }
  };
}
