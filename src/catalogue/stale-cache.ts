export interface StaleCacheOptions {
  /** How old a value may grow before a background refresh. */
  refreshMs: number;
  /** How long a caller with nothing cached waits for the first value. */
  coldWaitMs: number;
  onRefreshError?: (error: unknown) => void;
  now?: () => number;
}

/**
 * One value fetched from an upstream, served stale while a background refresh runs, so that Slack's 3-second windows
 * (a trigger, an options request) never wait on a slow upstream once the value is warm. One fetch at a time.
 */
export class StaleCache<T> {
  private cached?: { value: T; fetchedAt: number };
  private inflight?: Promise<T>;
  private readonly now: () => number;

  constructor(
    private readonly fetch: () => Promise<T>,
    private readonly options: StaleCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Starts a fetch without waiting for it. */
  warm(): void {
    void this.refresh().catch((error: unknown) => this.options.onRefreshError?.(error));
  }

  async get(): Promise<T> {
    if (this.cached) {
      if (this.now() - this.cached.fetchedAt > this.options.refreshMs) this.warm();
      return this.cached.value;
    }
    return withDeadline(this.refresh(), this.options.coldWaitMs);
  }

  /** The cached value, if any, without fetching. */
  peek(): T | undefined {
    return this.cached?.value;
  }

  /** Forgets the value (after a change made through the bot) and fetches it again in the background. */
  invalidate(): void {
    this.cached = undefined;
    this.warm();
  }

  private refresh(): Promise<T> {
    this.inflight ??= this.fetch()
      .then((value) => {
        this.cached = { value, fetchedAt: this.now() };
        return value;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The upstream did not answer within ${ms} ms.`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
