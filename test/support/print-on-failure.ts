import { beforeEach } from 'vitest';
import { describeOpenHarnesses, testStarting } from './open-harnesses.js';

// Every test, whether its harness started in the test or in a suite hook: a failure prints what the bots did.
beforeEach(({ onTestFailed }) => {
  testStarting();
  onTestFailed(() => {
    const report = describeOpenHarnesses();
    if (report) console.error(report);
  });
});
