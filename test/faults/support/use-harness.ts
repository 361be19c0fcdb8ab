/**
 * One fresh bot per test (about 0.1 s to start): no state, Slack pacing budget or stray run carries from one fault to
 * the next. After every test: nothing unhandled happened, the bot still answers `/jasper help` and `GET /healthz`,
 * and (on close) no secret leaked.
 */
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { expectStillServing, recordCrashes } from './checks.js';
import { startFaultHarness, type FaultHarness, type FaultHarnessOptions } from './fault-harness.js';

export function useFaultHarness(options: FaultHarnessOptions | (() => FaultHarnessOptions) = {}) {
  const crashes = recordCrashes();
  let current: FaultHarness | undefined;
  beforeEach(async () => {
    crashes.seen.length = 0;
    current = await startFaultHarness(typeof options === 'function' ? options() : options);
  });
  afterEach(async () => {
    const h = current;
    current = undefined;
    try {
      expect(crashes.seen).toEqual([]);
      if (h) await expectStillServing(h);
    } finally {
      await h?.close();
    }
  });
  afterAll(() => crashes.dispose());
  return {
    crashes,
    get h(): FaultHarness {
      if (!current) throw new Error('no harness outside a test');
      return current;
    },
  };
}
