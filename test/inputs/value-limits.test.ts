import { expect, it } from 'vitest';
import { PLAIN_TEXT_INPUT_MAX } from '../../src/forms/limits.js';
import { VALUE_MAX } from '../../src/inputs/value-limits.js';

it('holds a typed value to what the modal holds, so a thread never takes what the form would refuse', () => {
  expect(VALUE_MAX).toBe(PLAIN_TEXT_INPUT_MAX);
});
