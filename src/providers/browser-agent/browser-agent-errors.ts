import { ProviderError } from '../errors.js';

/** Names the setting to check, never its value. */
const KEY_SETTING = 'BROWSER_AGENT_API_KEY';

/** "1 second", "45 seconds", "2 minutes": a wait as people say it, never shorter than the real one. */
function duration(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return s === 1 ? '1 second' : `${s} seconds`;
  return `${Math.ceil(s / 60)} minutes`;
}

/**
 * The four refusals the document lists, each as a sentence saying what happened and what to do; `forSession` says
 * whether the request named an earlier session (a 400 or 403 can then mean the session belongs to another account).
 * Other errors pass as they are. Status, request id, Retry-After and the upstream's own words are kept.
 */
export function explainBrowserAgentError(error: ProviderError, forSession: boolean): ProviderError {
  const said = error.detail ? ` It said: ${error.detail}.` : '';
  const options = { status: error.status, requestId: error.requestId, retryAfterMs: error.retryAfterMs, detail: error.detail, cause: error };
  // A follow-up continues the thread's browser session: when that session is refused, a new thread starts a new one.
  const advice = forSession && (error.status === 400 || error.status === 403) ? 'If this thread continues a session the agent no longer accepts, start a new thread.' : undefined;
  switch (error.status) {
    case 400: {
      const what = forSession
        ? 'the task or the earlier session it continues (a session may belong to another account)'
        : 'the task (an empty task, a user id over 256 characters, or a body it could not read)';
      return new ProviderError('bad_request', `The browser agent refused ${what} (400).${said}`, { ...options, advice });
    }
    case 401:
      return new ProviderError('auth', `The browser agent got no API key it could read (401): check that ${KEY_SETTING} is set.${said}`, options);
    case 403: {
      const what = forSession
        ? `the API key was revoked, or the session this follow-up continues belongs to another account. Start a new thread, or check ${KEY_SETTING}`
        : `the API key was revoked. Check ${KEY_SETTING}`;
      return new ProviderError('forbidden', `The browser agent refused the request (403): ${what}.${said}`, { ...options, advice });
    }
    case 429: {
      const when = error.retryAfterMs !== undefined ? `in ${duration(error.retryAfterMs)}` : 'in a few minutes';
      return new ProviderError('rate_limited', `The browser agent's rate limit or quota is used up (429). Try again ${when}.${said}`, options);
    }
    default:
      return error;
  }
}
