import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/providers/errors.js';
import { featureError } from '../../../src/slack/replies/feature-error.js';
import { upstreamUnavailable } from '../../../src/slack/replies/upstream-unavailable.js';
import { explainError } from '../../../src/slack/thread/explain-error.js';

const JARVIS = { displayName: 'Jarvis', settings: { key: 'JARVIS_API_KEY', url: 'JARVIS_URL' } };
const BROWSER = { displayName: 'Browser agent', settings: { key: 'BROWSER_AGENT_API_KEY', url: 'BROWSER_AGENT_URL' } };

describe('what a failure names: the failing agent\'s own settings', () => {
  it('a refused key in a run names that agent\'s key variable', () => {
    const said = explainError(new ProviderError('auth', 'Jarvis refused the key (401).'), 'Jarvis', { settings: JARVIS.settings, command: '/jasper' });
    expect(said).toContain('`JARVIS_API_KEY`');
    expect(said).not.toContain('JASPER');
  });

  it('an agent no longer configured is sent to its key without a variable name, never Jasper\'s', () => {
    const said = explainError(new ProviderError('auth', 'refused'), 'Jobs', { command: '/jasper' });
    expect(said).toContain('its Jobs API key');
    expect(said).not.toContain('JASPER');
  });

  it('a task that is gone points at the configured command\'s list', () => {
    expect(explainError(new ProviderError('not_found', 'gone'), 'Jarvis', { settings: JARVIS.settings, command: '/writer' })).toContain('`/writer list`');
  });

  it('surfaces that cannot reach an agent name its key, or its URL for a refused request', () => {
    expect(upstreamUnavailable(new ProviderError('auth', 'x'), BROWSER, 'list its tasks')).toContain('`BROWSER_AGENT_API_KEY`');
    expect(upstreamUnavailable(new ProviderError('forbidden', 'x'), JARVIS, 'open that task')).toContain('`JARVIS_API_KEY`');
    const refused = upstreamUnavailable(new ProviderError('bad_request', 'Unknown path'), JARVIS, 'open that task');
    expect(refused).toContain('`JARVIS_URL`');
    expect(refused).not.toContain('Jasper');
    expect(featureError(new ProviderError('auth', 'x'), BROWSER, 'tones', 'save the tone')).toContain('`BROWSER_AGENT_API_KEY`');
  });
});
