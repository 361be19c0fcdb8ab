import { z } from 'zod';
import type { Broadcast } from './broadcast.js';

const TOPIC = 'jobs-callback';
const messageSchema = z.object({ jobId: z.string().min(1) });

/**
 * "A callback about job X arrived", to whichever replica follows X. One broadcast subscription per process (the
 * broadcast has no unsubscribe), taken at the first watch; each message is handed to this process's watchers of
 * that job. Delivery is at most once, which is enough: the follower also reads the job on a timer.
 */
export class JobWakeups {
  private readonly watchers = new Map<string, Set<() => void>>();
  private subscribed: Promise<void> | undefined;

  constructor(private readonly broadcast: Broadcast) {}

  /** Resolves, once this process listens, with the function that stops this watch. */
  async watch(jobId: string, wake: () => void): Promise<() => void> {
    await this.listen();
    const set = this.watchers.get(jobId) ?? new Set();
    set.add(wake);
    this.watchers.set(jobId, set);
    return () => {
      set.delete(wake);
      if (set.size === 0 && this.watchers.get(jobId) === set) this.watchers.delete(jobId);
    };
  }

  announce(jobId: string): Promise<void> {
    return this.broadcast.publish(TOPIC, JSON.stringify({ jobId }));
  }

  private listen(): Promise<void> {
    this.subscribed ??= this.broadcast.subscribe(TOPIC, (message) => this.deliver(message)).catch((error: unknown) => {
      // The next watch tries again.
      this.subscribed = undefined;
      throw error;
    });
    return this.subscribed;
  }

  private deliver(message: string): void {
    let json: unknown;
    try {
      json = JSON.parse(message);
    } catch {
      return;
    }
    const parsed = messageSchema.safeParse(json);
    if (!parsed.success) return;
    for (const wake of this.watchers.get(parsed.data.jobId) ?? []) wake();
  }
}
