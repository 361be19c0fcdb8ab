import type { ProviderError } from '../../providers/errors.js';
import type { ProviderSettings } from '../../providers/types.js';

/** What an explanation names besides the agent: the failing provider's own settings, and the slash command. */
export interface ExplainContext {
  /** Absent when the provider is no longer configured: the sentence then names no variable. */
  settings?: ProviderSettings;
  command: string;
}

/** How long the upstream asked us to wait (its Retry-After), in words; a minute when it did not say. */
function waitFor(retryAfterMs: number | undefined): string {
  if (retryAfterMs === undefined) return 'a minute';
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  if (seconds < 90) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90 ? `${minutes} minutes` : `${Math.ceil(minutes / 60)} hours`;
}

/**
 * What a user is told about a failed run: what happened, in plain words, and what to do next. The upstream's own words
 * come only from `error.detail` (one sentence, scrubbed of secrets where the error was built), never from the whole
 * message, which already says who had the problem.
 */
export function explainError(error: ProviderError, agent: string, context: ExplainContext): string {
  // A feature the upstream dropped (its endpoint now answers 404): the error already says so in words for people.
  if (error.retired) return error.message;
  const explained = sharedExplanation(error, agent, context);
  return error.advice ? `${explained} ${error.advice}` : explained;
}

function sharedExplanation(error: ProviderError, agent: string, context: ExplainContext): string {
  const said = error.detail ? `: ${error.detail}` : '';
  switch (error.code) {
    case 'auth':
      return `${agent} did not accept the bot's API key. Ask whoever set up this bot to check ${context.settings ? `\`${context.settings.key}\`` : `its ${agent} API key`}.`;
    case 'forbidden':
      // A 403 can be a revoked key (the browser agent's document says so): the key's setting is named too.
      return `${agent} refused the request: the workspace's plan or the API key does not allow it. Ask an admin to check the plan${context.settings ? ` and \`${context.settings.key}\`` : ''}.`;
    case 'not_found':
      return `${agent} no longer has this task. Run \`${context.command} list\` to see the tasks you can run.`;
    case 'bad_request':
      return `${agent} refused the inputs${said}. Check them and run again.`;
    case 'rate_limited':
      return `${agent} is busy and asked us to slow down. Wait ${waitFor(error.retryAfterMs)}, then press Retry.`;
    case 'upstream':
      return `${agent} had a problem on its side${error.status ? ` (${error.status})` : ''}${said}. Press Retry; if it keeps failing, try again later.`;
    case 'network':
      return `I could not reach ${agent}. Press Retry in a moment.`;
    case 'timeout':
      return `${agent} stopped answering before the run finished. Press Retry.`;
    case 'stream_cut':
      return `The connection to ${agent} broke before the output was finished. Press Retry to run it again.`;
    case 'invalid_response':
      return `${agent} answered with something I could not read. Press Retry; if it happens again, tell whoever runs this bot.`;
    case 'cancelled':
      return 'The run was cancelled.';
  }
}
