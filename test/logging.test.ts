import type { Logger } from '@slack/logger';
import { LogLevel } from '@slack/logger';
import { describe, expect, it } from 'vitest';
import { createJsonBaseLogger, createLogger } from '../src/logging.js';

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

describe('createJsonBaseLogger under createLogger', () => {
  function jsonLogger(level: 'debug' | 'info', secrets: string[]) {
    const lines: string[] = [];
    const base = createJsonBaseLogger({ write: (line) => void lines.push(line) });
    return { logger: createLogger(level, secrets, base), lines };
  }

  it('writes one parseable JSON object per call, with the level by name', () => {
    const { logger, lines } = jsonLogger('debug', []);
    logger.setName('bolt-app');
    logger.debug('first');
    logger.info('second', 2);
    logger.warn('third');
    logger.error('fourth');
    const text = lines.join('');
    expect(text.split('\n').filter(Boolean)).toHaveLength(4);
    const records = text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((r) => [r.level, r.msg])).toEqual([
      ['debug', 'first'],
      ['info', 'second 2'],
      ['warn', 'third'],
      ['error', 'fourth'],
    ]);
    expect(records.every((r) => r.name === 'bolt-app' && typeof r.time === 'string')).toBe(true);
  });

  it('drops lines under the level and reports the level it was given', () => {
    const { logger, lines } = jsonLogger('info', []);
    logger.debug('hidden');
    expect(lines).toEqual([]);
    expect(logger.getLevel()).toBe(LogLevel.INFO);
    logger.setLevel(LogLevel.WARN);
    logger.info('hidden too');
    expect(lines).toEqual([]);
  });

  it('never writes a secret, from a message or from an Error', () => {
    const { logger, lines } = jsonLogger('debug', ['jasper-secret-key']);
    logger.info('calling with jasper-secret-key');
    logger.error(new Error(`token ${'xox' + 'b-1234-5678-abcdef'} refused jasper-secret-key`));
    const text = lines.join('');
    expect(text).not.toMatch(/jasper-secret-key|xoxb-/);
    expect(text.trimEnd().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      'calling with [redacted]',
      'Error: token [redacted] refused [redacted]',
    ]);
  });
});
