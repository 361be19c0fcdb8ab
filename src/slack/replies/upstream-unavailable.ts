import { asProviderError } from '../../providers/errors.js';
import type { Provider } from '../../providers/types.js';

/** Who failed, as a sentence names it: the provider's name and the settings that configure it. */
export type FailingAgent = Pick<Provider, 'displayName' | 'settings'>;

/**
 * Why the agent could not do something for a surface (list tasks, open a form, read usage), said from the typed error:
 * a refused key sends the person to whoever holds that provider's key, not to wait; only a network failure or a
 * time-out is "not answering". `what` completes "so I can't …", e.g. "list its tasks".
 */
export function upstreamUnavailable(error: unknown, agent: FailingAgent, what: string): string {
  const problem = asProviderError(error);
  const name = agent.displayName;
  switch (problem.code) {
    case 'auth':
      return `${name} did not accept the bot's API key, so I can't ${what}. Ask whoever set up this bot to check \`${agent.settings.key}\`.`;
    case 'forbidden':
      return `${name} refused access (403): the API key or the workspace's plan does not allow this, so I can't ${what}. Ask whoever set up this bot to check \`${agent.settings.key}\` and the plan.`;
    case 'rate_limited':
      return `${name} is limiting how often it can be called, so I can't ${what} right now. Try again in a minute.`;
    case 'upstream':
      return `${name} had a problem on its side, so I can't ${what}. Try again in a few minutes.`;
    case 'invalid_response':
      return `${name} answered with something I could not read, so I can't ${what}. Tell whoever runs this bot; trying again may not help.`;
    case 'not_found':
    case 'bad_request':
      return `${name} refused the request (${problem.message}), so I can't ${what}. Tell whoever runs this bot: \`${agent.settings.url}\` may be wrong.`;
    case 'network':
    case 'timeout':
    case 'stream_cut':
    case 'cancelled':
      return `${name} is not answering right now, so I can't ${what}. Try again in a minute.`;
  }
}
