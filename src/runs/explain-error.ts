import type { ProviderError } from '../providers/errors.js';

/** What a user is told about a failed run: what happened, in plain words, and what to do next. */
export function explainError(error: ProviderError, agent: string): string {
  switch (error.code) {
    case 'auth':
      return `${agent} did not accept the bot's API key. Ask whoever set up this bot to check \`JASPER_API_KEY\`.`;
    case 'forbidden':
      return `${agent} refused the request: the workspace's plan or the API key does not allow it. Ask an admin to check the plan.`;
    case 'not_found':
      return `${agent} no longer has this task. Run \`/jasper list\` to see the tasks you can run.`;
    case 'bad_request':
      return `${agent} refused the inputs: ${error.message} Check them and run again.`;
    case 'rate_limited':
      return `${agent} is busy and asked us to slow down. Wait a minute, then press Retry.`;
    case 'upstream':
      return `${agent} had a problem on its side (${error.message}). Press Retry; if it keeps failing, try again later.`;
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
