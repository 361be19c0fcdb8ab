import type { Logger } from '@slack/logger';
import { LogLevel } from '@slack/logger';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging.js';

function recordingLogger(lines: string[]): Logger {
  const record = (...msg: unknown[]) => void lines.push(msg.join(' '));
  return { debug: record, info: record, warn: record, error: record, setLevel: () => {}, getLevel: () => LogLevel.DEBUG, setName: () => {} };
}

describe('createLogger', () => {
  it('replaces configured secrets and Slack-token-shaped strings in every argument', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', ['jasper-secret-key', 'sig-secret-123'], recordingLogger(lines));
    logger.error(new Error('request with jasper-secret-key failed'), { header: 'sig-secret-123' });
    logger.info(`token ${'xox' + 'b-1234-5678-abcdef'} and ${'xa' + 'pp-1-AAA-123'}`);
    expect(lines.join('\n')).not.toMatch(/jasper-secret-key|sig-secret-123|xoxb-|xapp-/);
    expect(lines.join('\n')).toContain('[redacted]');
  });
});
