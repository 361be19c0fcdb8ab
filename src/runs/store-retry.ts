import type { Logger } from '@slack/logger';

/** Retries a store write for about half a minute (a Redis restart); resolves undefined if it never succeeds. */
export async function withStoreRetry<T>(write: () => Promise<T>, logger: Logger): Promise<T | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= 15) {
        logger.error(`Gave up saving a run's state: ${String(error)}`);
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 2_000)));
    }
  }
}

/**
 * Retries `work` for about ten seconds (Redis's clients reconnect within two after it is back), then throws its last
 * error: for the steps right after a turn was recorded, which a person is waiting on.
 */
export async function withBriefRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 7) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 2_000)));
    }
  }
}
