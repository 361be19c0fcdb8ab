import { cancelledError } from '../http/retry-policy.js';

export type WakeReason = 'notified' | 'timer';

/**
 * A wait that a notification cuts short. A notification that comes while nobody waits (during a read) is kept, so
 * the next wait returns at once: a callback is never lost between two reads.
 */
export class Wakeup {
  private pending = false;
  private release: (() => void) | undefined;

  readonly notify = (): void => {
    if (this.release) this.release();
    else this.pending = true;
  };

  /** Resolves after `ms` or at the next notification; rejects with a `cancelled` ProviderError when the signal aborts. */
  wait(ms: number, signal: AbortSignal): Promise<WakeReason> {
    if (signal.aborted) return Promise.reject(cancelledError(signal.reason));
    if (this.pending) {
      this.pending = false;
      return Promise.resolve('notified');
    }
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.release = undefined;
      };
      const onAbort = () => {
        finish();
        reject(cancelledError(signal.reason));
      };
      const timer = setTimeout(() => {
        finish();
        resolve('timer');
      }, ms);
      this.release = () => {
        finish();
        resolve('notified');
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
