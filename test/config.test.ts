import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

describe('parseConfig', () => {
  it('reads HTTP mode with defaults', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: 'bot-token-1', SLACK_SIGNING_SECRET: 'signing-1', JASPER_API_KEY: 'jasper-1' });
    expect(config.port).toBe(3000);
    expect(config.jasper.baseURL).toBe('https://api.jasper.ai/v1');
    expect(config.redisUrl).toBeUndefined();
    expect(config.sessionTtlMs).toBe(30 * 24 * 3600 * 1000);
  });

  it('names every problem at once and never echoes a secret value', () => {
    let error: unknown;
    try {
      parseConfig({ SLACK_APP_TOKEN: 'not-an-app-token-secret-value', PORT: 'abc', REDIS_URL: 'not a url', JASPER_API_URL: 'also wrong' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['SLACK_BOT_TOKEN', 'JASPER_API_KEY', 'SLACK_APP_TOKEN', 'PORT', 'REDIS_URL', 'JASPER_API_URL']) expect(message).toContain(name);
    expect(message).not.toContain('not-an-app-token-secret-value');
  });

  it('requires the signing secret only in HTTP mode', () => {
    expect(() => parseConfig({ SLACK_BOT_TOKEN: 'b', JASPER_API_KEY: 'j' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(parseConfig({ SLACK_BOT_TOKEN: 'b', JASPER_API_KEY: 'j', SLACK_APP_TOKEN: 'xapp-1-abc' }).slack.appToken).toBe('xapp-1-abc');
  });
});
