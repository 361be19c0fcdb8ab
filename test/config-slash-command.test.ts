import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';

const base = { SLACK_BOT_TOKEN: 'bot-token-1', SLACK_SIGNING_SECRET: 'signing-1', JASPER_API_KEY: 'jasper-1' };

describe('SLASH_COMMAND', () => {
  it('defaults to /jasper and takes the command the manifest declares', () => {
    expect(parseConfig(base).slashCommand).toBe('/jasper');
    expect(parseConfig({ ...base, SLASH_COMMAND: ' /writer ' }).slashCommand).toBe('/writer');
  });

  it('refuses what Slack would not take as a command, saying what it must be', () => {
    for (const bad of ['jasper', '/Jasper', '/has space', `/${'x'.repeat(32)}`]) {
      expect(() => parseConfig({ ...base, SLASH_COMMAND: bad })).toThrow(/SLASH_COMMAND must be a slash command/);
    }
  });
});
