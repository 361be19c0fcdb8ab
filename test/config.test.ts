import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

describe('parseConfig', () => {
  it('reads HTTP mode with defaults', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: 'bot-token-1', SLACK_SIGNING_SECRET: 'signing-1', JASPER_API_KEY: 'jasper-1' });
    expect(config.port).toBe(3000);
    expect(config.jasper?.baseURL).toBe('https://api.jasper.ai/v1');
    expect(config.jarvis).toBeUndefined();
    expect(config.jasper?.transport).toBe('direct');
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

  it('JASPER_TRANSPORT=lowcodeapi points at the proxy by default, and refuses other transports', () => {
    const base = { SLACK_BOT_TOKEN: 'b', SLACK_SIGNING_SECRET: 's', JASPER_API_KEY: 'proxy-token' };
    expect(parseConfig({ ...base, JASPER_TRANSPORT: 'lowcodeapi' }).jasper).toEqual({ apiKey: 'proxy-token', baseURL: 'https://api.lowcodeapi.com/jasper', transport: 'lowcodeapi' });
    expect(parseConfig({ ...base, JASPER_TRANSPORT: 'lowcodeapi', JASPER_API_URL: 'https://proxy.example/jasper/' }).jasper?.baseURL).toBe('https://proxy.example/jasper');
    expect(() => parseConfig({ ...base, JASPER_TRANSPORT: 'carrier-pigeon' })).toThrow(/JASPER_TRANSPORT must be direct or lowcodeapi/);
  });

  describe('providers', () => {
    const slack = { SLACK_BOT_TOKEN: 'b', SLACK_SIGNING_SECRET: 's' };

    it('turns Jarvis on when both its variables are set, with or without Jasper', () => {
      const jarvisOnly = parseConfig({ ...slack, JARVIS_URL: 'https://your-jarvis-host/', JARVIS_API_KEY: 'jrv_key_1' });
      expect(jarvisOnly.jarvis).toEqual({ baseURL: 'https://your-jarvis-host', apiKey: 'jrv_key_1' });
      expect(jarvisOnly.jasper).toBeUndefined();
      const both = parseConfig({ ...slack, JASPER_API_KEY: 'j', JARVIS_URL: 'https://your-jarvis-host', JARVIS_API_KEY: 'jrv_key_1' });
      expect([both.jasper?.apiKey, both.jarvis?.apiKey]).toEqual(['j', 'jrv_key_1']);
    });

    it('names the missing half of Jarvis, never the value of the other', () => {
      expect(() => parseConfig({ ...slack, JASPER_API_KEY: 'j', JARVIS_URL: 'https://your-jarvis-host' })).toThrow(/JARVIS_API_KEY is required when JARVIS_URL is set/);
      let message = '';
      try {
        parseConfig({ ...slack, JARVIS_API_KEY: 'jrv_secret_value_9' });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('JARVIS_URL is required when JARVIS_API_KEY is set');
      expect(message).not.toContain('jrv_secret_value_9');
    });

    it('refuses a Jarvis URL that is not a URL', () => {
      expect(() => parseConfig({ ...slack, JARVIS_URL: 'your jarvis host', JARVIS_API_KEY: 'k' })).toThrow(/JARVIS_URL must be a URL/);
    });

    it('turns the browser agent on when both its variables are set, and names the missing half, never the value', () => {
      expect(parseConfig({ ...slack, BROWSER_AGENT_URL: 'https://api.example.com/v1', BROWSER_AGENT_API_KEY: 'bra_1' }).browserAgent).toEqual({
        baseURL: 'https://api.example.com/v1',
        apiKey: 'bra_1',
      });
      expect(() => parseConfig({ ...slack, JASPER_API_KEY: 'j', BROWSER_AGENT_URL: 'https://api.example.com/v1' })).toThrow(/BROWSER_AGENT_API_KEY is required when BROWSER_AGENT_URL is set/);
      let message = '';
      try {
        parseConfig({ ...slack, BROWSER_AGENT_API_KEY: 'bra_secret_value_9' });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('BROWSER_AGENT_URL is required when BROWSER_AGENT_API_KEY is set');
      expect(message).not.toContain('no agent API is configured');
      expect(message).not.toContain('bra_secret_value_9');
      expect(() => parseConfig({ ...slack, BROWSER_AGENT_URL: 'api dot example', BROWSER_AGENT_API_KEY: 'k' })).toThrow(/BROWSER_AGENT_URL must be a URL/);
    });

    it('says so, naming the variables, when no provider is configured', () => {
      for (const env of [slack, { ...slack, JASPER_API_KEY: '  ', JARVIS_URL: '', JARVIS_API_KEY: '' }]) {
        expect(() => parseConfig(env)).toThrow(
          /no agent API is configured: set JASPER_API_KEY \(Jasper\), or JARVIS_URL and JARVIS_API_KEY \(Jarvis agents\), or JOBS_URL, JOBS_API_KEY and JOBS_AGENTS \(jobs\), or BROWSER_AGENT_URL and BROWSER_AGENT_API_KEY/,
        );
      }
    });
  });
});
