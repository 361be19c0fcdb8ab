import { describe, expect, it } from 'vitest';
import { explainBrowserAgentError } from '../../../src/providers/browser-agent/browser-agent-errors.js';
import { ProviderError } from '../../../src/providers/errors.js';
import { explainError } from '../../../src/slack/thread/explain-error.js';

const context = { settings: { key: 'BROWSER_AGENT_API_KEY', url: 'BROWSER_AGENT_URL' }, command: '/jasper' };

describe('explainError: advice only the provider knows', () => {
  it('says the provider\'s next step after the shared sentence', () => {
    const error = new ProviderError('forbidden', 'refused', { status: 403, advice: 'Start a new thread.' });
    expect(explainError(error, 'The browser agent', context)).toMatch(/check the plan and `BROWSER_AGENT_API_KEY`\. Start a new thread\.$/);
  });

  it('a refused browser-agent follow-up (400 or 403) advises a new thread; a first run does not', () => {
    for (const status of [400, 403]) {
      const refused = new ProviderError(status === 400 ? 'bad_request' : 'forbidden', 'x', { status });
      expect(explainError(explainBrowserAgentError(refused, true), 'The browser agent', context)).toContain('start a new thread');
      expect(explainError(explainBrowserAgentError(refused, false), 'The browser agent', context)).not.toContain('new thread');
    }
  });
});
