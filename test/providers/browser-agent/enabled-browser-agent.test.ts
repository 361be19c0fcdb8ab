import { describe, expect, it } from 'vitest';
import { configuredSecrets, parseConfig } from '../../../src/config.js';
import { enabledProviders } from '../../../src/providers/enabled-providers.js';

const silent = { warn: () => undefined };

describe('the browser agent in the configuration', () => {
  it('is enabled alone by its two variables, and its key is among the secrets', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: 'b', SLACK_SIGNING_SECRET: 's', BROWSER_AGENT_URL: 'https://api.example.com/v1/', BROWSER_AGENT_API_KEY: 'bra_key_1' });
    expect(config.browserAgent).toEqual({ baseURL: 'https://api.example.com/v1', apiKey: 'bra_key_1' });
    expect(configuredSecrets(config)).toContain('bra_key_1');
    expect(enabledProviders(config, silent).map((p) => [p.id, p.displayName])).toEqual([['browser', 'Browser agent']]);
  });
});
