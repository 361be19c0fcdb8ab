import type { WebClient } from '@slack/web-api';

/** How long a person's admin/owner flag read from Slack is trusted. */
const CACHE_MS = 60_000;

/**
 * Who may delete workspace knowledge: the people named in `KNOWLEDGE_ADMINS`, or when none are named, the workspace's
 * admins and owners as Slack's `users.info` reports them (cached briefly: one lookup per person a minute).
 */
export class KnowledgeAdmins {
  private readonly known = new Map<string, { admin: boolean; until: number }>();

  constructor(private readonly named: readonly string[]) {}

  async allows(client: WebClient, userId: string): Promise<boolean> {
    if (this.named.length > 0) return this.named.includes(userId);
    const cached = this.known.get(userId);
    if (cached && cached.until > Date.now()) return cached.admin;
    const { user } = await client.users.info({ user: userId });
    const admin = user?.is_admin === true || user?.is_owner === true;
    this.known.set(userId, { admin, until: Date.now() + CACHE_MS });
    return admin;
  }
}
