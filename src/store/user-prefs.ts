import { z } from 'zod';
import type { KeyValueStore } from './key-value-store.js';

const DefaultsSchema = z.object({
  toneId: z.string().optional(),
  audienceId: z.string().optional(),
  styleGuideId: z.string().optional(),
  toLanguage: z.string().optional(),
});
export type BrandDefaults = z.infer<typeof DefaultsSchema>;

const UserPrefsSchema = z.object({
  /** `${provider}:${taskId}` of starred tasks, newest first. */
  favourites: z.array(z.string()).default([]),
  defaults: DefaultsSchema.default({}),
  /** The user's sessions, newest first (for "recent runs"). */
  recentSessions: z.array(z.string()).default([]),
});
export type UserPrefs = z.infer<typeof UserPrefsSchema>;

/** Recent runs a user's Home lists (older ones age out with their sessions anyway). */
const RECENT_MAX = 50;
const TTL_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Per-user favourites, brand defaults and recent sessions; per-channel brand defaults. Validated on read. A user's
 * record changes by atomic read-modify-writes, so a star clicked on one replica and a run recorded on another both stay.
 */
export class PrefsRepository {
  constructor(private readonly store: KeyValueStore) {}

  async user(userId: string): Promise<UserPrefs> {
    return readPrefs(await this.store.get(`user:${userId}`));
  }

  /** Stars or unstars a task; resolves with the new favourites. */
  toggleFavourite(userId: string, taskKey: string): Promise<string[]> {
    return this.changeUser(userId, (prefs) => {
      prefs.favourites = prefs.favourites.includes(taskKey) ? prefs.favourites.filter((k) => k !== taskKey) : [taskKey, ...prefs.favourites];
    }).then((prefs) => prefs.favourites);
  }

  setUserDefault(userId: string, key: keyof BrandDefaults, value: string | undefined): Promise<UserPrefs> {
    return this.changeUser(userId, (prefs) => {
      if (value === undefined) delete prefs.defaults[key];
      else prefs.defaults[key] = value;
    });
  }

  addRecentSession(userId: string, sessionId: string): Promise<UserPrefs> {
    return this.changeUser(userId, (prefs) => {
      prefs.recentSessions = [sessionId, ...prefs.recentSessions.filter((id) => id !== sessionId)].slice(0, RECENT_MAX);
    });
  }

  async channelDefaults(channelId: string): Promise<BrandDefaults> {
    const parsed = DefaultsSchema.safeParse((await this.store.get(`channel-defaults:${channelId}`)) ?? {});
    return parsed.success ? parsed.data : {};
  }

  async setChannelDefaults(channelId: string, defaults: BrandDefaults): Promise<void> {
    await this.store.set(`channel-defaults:${channelId}`, DefaultsSchema.parse(defaults), TTL_MS);
  }

  /** The defaults a run starts from: the channel's where it has them, the user's otherwise. */
  async effectiveDefaults(userId: string, channelId: string): Promise<BrandDefaults> {
    const [user, channel] = await Promise.all([this.user(userId), this.channelDefaults(channelId)]);
    return { ...user.defaults, ...channel };
  }

  private async changeUser(userId: string, edit: (prefs: UserPrefs) => void): Promise<UserPrefs> {
    const saved = await this.store.update(
      `user:${userId}`,
      (raw) => {
        // A fresh copy per attempt: `edit` may run again on a newer record.
        const prefs = readPrefs(raw);
        edit(prefs);
        return prefs;
      },
      TTL_MS,
    );
    return saved ?? readPrefs(undefined);
  }
}

/** The stored prefs, or empty ones when there are none or they are unreadable. */
function readPrefs(raw: unknown): UserPrefs {
  const parsed = UserPrefsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : UserPrefsSchema.parse({});
}
