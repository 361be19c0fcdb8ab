import type { WebClient } from '@slack/web-api';
import { z } from 'zod';

const UserSchema = z.object({ user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional() }).optional() });

/**
 * Whether a person may create, edit and delete tones: one of `TONE_ADMINS` when it names anyone, otherwise a workspace
 * admin or owner as Slack's users.info says. Asked again on every change (never trusted from what the Home tab showed).
 */
export async function mayEditTones(client: WebClient, toneAdmins: readonly string[], userId: string): Promise<boolean> {
  if (toneAdmins.length > 0) return toneAdmins.includes(userId);
  try {
    const user = UserSchema.parse(await client.users.info({ user: userId })).user;
    return Boolean(user?.is_admin || user?.is_owner);
  } catch {
    return false;
  }
}
