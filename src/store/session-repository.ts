import type { KeyValueStore } from './key-value-store.js';
import { SessionSchema, type Session } from './session-schema.js';

export interface SessionRepositoryOptions {
  ttlMs: number;
  onInvalidRecord?: (key: string, problem: string) => void;
}

/**
 * Sessions keyed by id, with an index from a thread to its session. Every update is an atomic read-modify-write in
 * the store, so a run's progress and a queued reply cannot overwrite each other, whichever processes make them.
 */
export class SessionRepository {
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

  /**
   * Atomic read-modify-write of one session; resolves to the saved record. `change` edits (or replaces) a copy of the
   * current record and may be called again on a newer copy when another process wrote in between, so it must do
   * nothing else; what its last call did is what was saved.
   */
  async update(id: string, change: (session: Session) => Session | void): Promise<Session> {
    const key = `session:${id}`;
    const saved = await this.store.update(
      key,
      (raw) => {
        const parsed = SessionSchema.safeParse(raw);
        if (!parsed.success) throw new Error(`Session ${id} was not found (it may have expired, or be unreadable).`);
        const draft = structuredClone(parsed.data);
        const changed = change(draft) ?? draft;
        return SessionSchema.parse({ ...changed, updatedAt: Date.now() });
      },
      this.options.ttlMs,
    );
    if (!saved) throw new Error(`Session ${id} was not saved.`);
    // The thread's index never changes once set; written again to keep its time to live with the session's.
    if (saved.threadTs) await this.store.set(threadKey(saved.channelId, saved.threadTs), saved.id, this.options.ttlMs);
    return saved;
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
