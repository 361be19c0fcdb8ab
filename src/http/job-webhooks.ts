import type { JobWebhookRegistration, JobWebhooks } from '../providers/jobs/job-webhooks.js';
import { JobWakeups } from '../store/job-wakeups.js';
import { JobWebhookTokens, type CheckedToken } from '../store/job-webhook-tokens.js';
import type { KeyValueStore } from '../store/key-value-store.js';

/** Where the jobs API posts a job's callbacks, under the bot's `PUBLIC_URL`. */
export const JOBS_WEBHOOK_PREFIX = '/webhooks/jobs/';

/** A token record outlives the longest job we expect to follow. */
const DEFAULT_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type Delivery = 'woken' | 'duplicate' | 'unbound';

/** What the webhook route needs: check a token before answering, deliver the callback after. */
export interface JobCallbackInbox {
  check(token: string): Promise<CheckedToken | undefined>;
  /** A redelivered body is ignored; one for a job not yet created is dropped (its follower reads the job right after creating it). */
  deliver(checked: CheckedToken, body: Uint8Array): Promise<Delivery>;
}

export interface StoreJobWebhooksOptions {
  store: KeyValueStore;
  /** The bot's public base URL, without a trailing slash. */
  publicUrl: string;
  tokenTtlMs?: number;
}

/**
 * The jobs provider's webhooks on the store shared by every replica: a token record per job, and a broadcast that
 * wakes the replica following the job wherever its callback lands.
 */
export class StoreJobWebhooks implements JobWebhooks, JobCallbackInbox {
  private readonly tokens: JobWebhookTokens;
  private readonly wakeups: JobWakeups;
  private readonly publicUrl: string;

  constructor(options: StoreJobWebhooksOptions) {
    this.tokens = new JobWebhookTokens(options.store, options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS);
    this.wakeups = new JobWakeups(options.store.broadcast);
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
  }

  async register(): Promise<JobWebhookRegistration> {
    const { token, selector } = await this.tokens.issue();
    return {
      url: `${this.publicUrl}${JOBS_WEBHOOK_PREFIX}${token}`,
      bind: (jobId) => this.tokens.bind(selector, jobId),
      discard: () => this.tokens.discard(selector),
    };
  }

  watch(jobId: string, wake: () => void): Promise<() => void> {
    return this.wakeups.watch(jobId, wake);
  }

  check(token: string): Promise<CheckedToken | undefined> {
    return this.tokens.check(token);
  }

  async deliver(checked: CheckedToken, body: Uint8Array): Promise<Delivery> {
    if (checked.jobId === undefined) return 'unbound';
    if (!(await this.tokens.firstDelivery(checked.selector, body))) return 'duplicate';
    await this.wakeups.announce(checked.jobId);
    return 'woken';
  }
}
