import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { knowledgeFileProblem } from '../../forms/knowledge-modal.js';
import type { Provider } from '../../providers/types.js';
import type { SlackFile } from './slack-file.js';
import { escapeMrkdwn } from '../../forms/untrusted.js';

export const ADD_KNOWLEDGE_ACTION = 'knowledge.add';

/**
 * A file shared with the bot in a DM: refused at once with the reason when the provider cannot take it, otherwise
 * offered for upload with a button (the confirm form needs a click: a message brings no trigger to open it).
 */
export async function offerKnowledge(client: WebClient, provider: Provider, channelId: string, threadTs: string, files: SlackFile[]): Promise<void> {
  for (const file of files) {
    const problem = provider.knowledge?.limits && provider.knowledge.upload ? knowledgeFileProblem({ name: file.name, size: file.size, mimetype: file.mimetype }, provider.knowledge.limits) : 'Knowledge uploads are not available.';
    if (problem) {
      await client.chat.postMessage({ channel: channelId, thread_ts: threadTs, text: `I can't add *${escapeMrkdwn(file.name)}* to ${provider.displayName} knowledge: ${escapeMrkdwn(problem)}` });
      continue;
    }
    const text = `Add *${escapeMrkdwn(file.name)}* to ${provider.displayName} knowledge? You'll confirm its name and tags first.`;
    const blocks: KnownBlock[] = [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: ADD_KNOWLEDGE_ACTION, style: 'primary', text: { type: 'plain_text', text: 'Add to knowledge' }, value: file.id }],
      },
    ];
    await client.chat.postMessage({ channel: channelId, thread_ts: threadTs, text, blocks });
  }
}
