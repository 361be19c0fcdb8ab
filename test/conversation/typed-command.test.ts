import { describe, expect, it } from 'vitest';
import { readTypedCommand } from '../../src/conversation/index.js';

describe('readTypedCommand', () => {
  it.each([
    ['skip', { kind: 'skip' }],
    ['Skip.', { kind: 'skip' }],
    ['  BACK ', { kind: 'back' }],
    ['cancel!', { kind: 'cancel' }],
    ['run', { kind: 'run' }],
    ['Run  now!', { kind: 'run' }],
    ['"run now"', { kind: 'run' }],
    ['change blog length', { kind: 'change', name: 'blog length' }],
    ['Change "Topic".', { kind: 'change', name: 'topic' }],
    ['change', { kind: 'change', name: '' }],
  ])('%j is a command', (text, command) => {
    expect(readTypedCommand(text)).toEqual(command);
  });

  it.each(['skip the intro', 'go back to basics', 'running shoes', 'changes in AI', 'AI for dentists', ''])('%j is an answer', (text) => {
    expect(readTypedCommand(text)).toBeUndefined();
  });
});
