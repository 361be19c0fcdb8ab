import type { KeyValueStore } from './key-value-store.js';
import { KeyedQueue } from './keyed-queue.js';
import { SessionSchema, type Session } from './session-schema.js';

export interface SessionRepositoryOptions {
  ttlMs: number;
  onInvalidRecord?: (key: string, problem: string) => void;
}

/**
 * Sessions keyed by id, with an index from a thread to its session. Updates to one session are serialised in this
 * process so that a run's progress and a queued reply cannot overwrite each other.
 */
export class SessionRepository {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly store: KeyValueStore,
    private readonly options: SessionRepositoryOptions,
  ) {}

  async get(id: string): Promise<Session | undefined> {
    return this.read(`session:${id}`);
  }

  async findByThread(channelId: string, threadTs: string): Promise<Session | undefined> {
    const id = await this.store.get(threadKey(channelId, threadTs));
    return typeof id === 'string' ? this.get(id) : undefined;
  }

  async create(session: Session): Promise<Session> {
    await this.write(session);
    return session;
  }

  /** Read-modify-write of one session, one at a time per session id. Resolves to the saved record. */
  update(id: string, change: (session: Session) => Session | void): Promise<Session> {
    return this.queue.run(id, async () => {
      const current = await this.get(id);
      if (!current) throw new Error(`Session ${id} was not found (it may have expired).`);
      const draft = structuredClone(current);
      const changed = change(draft) ?? draft;
      changed.updatedAt = Date.now();
      await this.write(changed);
      return changed;
    });
  }

  private async write(session: Session): Promise<void> {
    const record = SessionSchema.parse(session);
    await this.store.set(`session:${record.id}`, record, this.options.ttlMs);
    if (record.threadTs) await this.store.set(threadKey(record.channelId, record.threadTs), record.id, this.options.ttlMs);
  }

  private async read(key: string): Promise<Session | undefined> {
    const raw = await this.store.get(key);
    if (raw === undefined || raw === null) return undefined;
    const parsed = SessionSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.options.onInvalidRecord?.(key, parsed.error.message);
    return undefined;
  }
}

const threadKey = (channelId: string, threadTs: string) => `thread:${channelId}:${threadTs}`;
