import type { WebClient } from '@slack/web-api';
import { buildKnowledgeModal, knowledgeFileProblem } from '../../forms/knowledge-modal.js';
import type { Provider } from '../../providers/types.js';
import { fileInfo } from './slack-file.js';

/** Opens the small form that confirms a knowledge upload; resolves with the reason instead when it cannot be taken. */
export async function openKnowledgeModal(client: WebClient, provider: Provider, args: { fileId: string; triggerId: string; channelId: string }): Promise<string | undefined> {
  const file = await fileInfo(client, args.fileId);
  const problem = provider.knowledge?.limits && provider.knowledge.upload ? knowledgeFileProblem({ name: file.name, size: file.size, mimetype: file.mimetype }, provider.knowledge.limits) : 'Knowledge uploads are not available.';
  if (problem) return `I can't add *${file.name}* to ${provider.displayName} knowledge: ${problem}`;
  const metadata = JSON.stringify({ fileId: file.id, fileName: file.name, channelId: args.channelId });
  await client.views.open({ trigger_id: args.triggerId, view: buildKnowledgeModal({ fileName: file.name, suggestedName: file.name.replace(/\.[^.]+$/, ''), metadata }) });
  return undefined;
}
