/**
 * What the jobs provider needs from the bot for webhook observers; implemented outside providers/ on the store (a
 * token record per job, and a broadcast that reaches every replica), so that the callback for a job may land on any
 * replica and still wake the one following it.
 */
export interface JobWebhooks {
  /** A fresh callback address for one job about to be created: unguessable, and good for that job only. */
  register(): Promise<JobWebhookRegistration>;
  /** Calls `wake` each time a callback about the job arrives at any replica; resolves, once listening, with a stop function. */
  watch(jobId: string, wake: () => void): Promise<() => void>;
}

export interface JobWebhookRegistration {
  /** Goes into the job's webhook observer. */
  url: string;
  /** Ties the address to the job the API created, from then on its callbacks wake whoever watches the job. */
  bind(jobId: string): Promise<void>;
  /** The job was not created: the address is dropped. */
  discard(): Promise<void>;
}
