import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { claimOnce } from './claims.js';
import type { KeyValueStore } from './key-value-store.js';

/**
 * Per-job webhook tokens, `<selector>.<secret>`: the selector finds the record, the secret proves the caller got the
 * URL from us. Only the secret's SHA-256 is stored (a copy of the store cannot forge a callback), and it is compared
 * in constant time. The record lives `ttlMs` and, once the API has created the job, names it.
 */
const recordSchema = z.object({ secretHash: z.string().regex(/^[0-9a-f]{64}$/), jobId: z.string().min(1).optional() });
type TokenRecord = z.infer<typeof recordSchema>;

const TOKEN = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  token: string;
  selector: string;
}

/** A token that matched: its selector, and its job once bound. */
export interface CheckedToken {
  selector: string;
  jobId?: string;
}

export class JobWebhookTokens {
  constructor(
    private readonly store: KeyValueStore,
    private readonly ttlMs: number,
  ) {}

  /** A fresh token, stored (atomically, never over another) before it is handed out. */
  async issue(): Promise<IssuedToken> {
    const selector = randomBytes(12).toString('base64url');
    const secret = randomBytes(32).toString('base64url');
    const record: TokenRecord = { secretHash: sha256(secret) };
    const stored = await this.store.update(key(selector), (current) => (current === undefined ? record : undefined), this.ttlMs);
    if (stored === undefined) throw new Error('A webhook token selector was drawn twice; try again.');
    return { token: `${selector}.${secret}`, selector };
  }

  /** Names the job the token's callbacks are about. Rejects when the token is gone (expired) or already bound. */
  async bind(selector: string, jobId: string): Promise<void> {
    const bound = await this.store.update(
      key(selector),
      (current) => {
        const record = recordSchema.safeParse(current);
        return record.success && record.data.jobId === undefined ? { ...record.data, jobId } : undefined;
      },
      this.ttlMs,
    );
    if (bound === undefined) throw new Error('The webhook token expired before its job was created.');
  }

  discard(selector: string): Promise<void> {
    return this.store.delete(key(selector));
  }

  /** The token's record when the token is one we issued and has not expired; undefined for anything else. */
  async check(token: string): Promise<CheckedToken | undefined> {
    const parts = TOKEN.exec(token);
    if (!parts?.[1] || !parts[2]) return undefined;
    const [, selector, secret] = parts;
    const record = recordSchema.safeParse(await this.store.get(key(selector)));
    if (!record.success) return undefined;
    const given = Buffer.from(sha256(secret), 'hex');
    if (!timingSafeEqual(given, Buffer.from(record.data.secretHash, 'hex'))) return undefined;
    return { selector, ...(record.data.jobId ? { jobId: record.data.jobId } : {}) };
  }

  /** True the first time this exact callback body arrives for the token: redeliveries are ignored. */
  firstDelivery(selector: string, body: Uint8Array): Promise<boolean> {
    return claimOnce(this.store, `${key(selector)}:${createHash('sha256').update(body).digest('hex')}`, this.ttlMs);
  }
}

function key(selector: string): string {
  return `jobs-webhook:${selector}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
