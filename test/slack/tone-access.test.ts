import type { WebClient } from '@slack/web-api';
import { describe, expect, it, vi } from 'vitest';
import { mayEditTones } from '../../src/slack/access/tone-access.js';

const clientWith = (user: unknown) => ({ users: { info: vi.fn(async () => ({ ok: true, user })) } }) as unknown as WebClient;

describe('mayEditTones', () => {
  it('TONE_ADMINS, when it names anyone, decides alone (Slack is not asked)', async () => {
    const client = clientWith({ is_admin: true });
    expect(await mayEditTones(client, ['U7'], 'U7')).toBe(true);
    expect(await mayEditTones(client, ['U7'], 'U1')).toBe(false);
    expect(client.users.info).not.toHaveBeenCalled();
  });

  it('otherwise workspace admins and owners, as users.info says; anyone else, or a failed lookup, may not', async () => {
    expect(await mayEditTones(clientWith({ is_admin: true }), [], 'U1')).toBe(true);
    expect(await mayEditTones(clientWith({ is_owner: true }), [], 'U1')).toBe(true);
    expect(await mayEditTones(clientWith({ is_admin: false }), [], 'U1')).toBe(false);
    const failing = { users: { info: vi.fn(async () => Promise.reject(new Error('user_not_found'))) } } as unknown as WebClient;
    expect(await mayEditTones(failing, [], 'U9')).toBe(false);
  });
});
