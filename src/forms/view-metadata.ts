import { z } from 'zod';
import type { BrandSettings } from '../providers/types.js';
import { PRIVATE_METADATA } from './limits.js';

export interface RunModalMetadata {
  provider: string;
  taskId: string;
  /** Where the command came from: the root message of the run is posted here. */
  channelId: string;
  userId: string;
  threadTs?: string;
  sessionId?: string;
  /** The brand the run uses while the form shows it in one line (its pickers hidden); absent once they are shown. */
  brand?: BrandSettings;
}

// Short keys keep the JSON well under Slack's 3000 characters; `v` lets a later format be told apart.
const wire = z.object({
  v: z.literal(1),
  p: z.string(),
  t: z.string(),
  c: z.string(),
  u: z.string(),
  th: z.string().optional(),
  s: z.string().optional(),
  b: z
    .object({
      to: z.string().optional(),
      au: z.string().optional(),
      st: z.string().optional(),
      k: z.array(z.string()).optional(),
      la: z.string().optional(),
    })
    .optional(),
});

/** Serialises the run modal's context for `private_metadata`; throws when it would not fit. */
export function encodeRunMetadata(m: RunModalMetadata): string {
  const encoded = JSON.stringify({
    v: 1,
    p: m.provider,
    t: m.taskId,
    c: m.channelId,
    u: m.userId,
    th: m.threadTs,
    s: m.sessionId,
    b: m.brand && { to: m.brand.toneId, au: m.brand.audienceId, st: m.brand.styleGuideId, k: m.brand.knowledgeIds, la: m.brand.toLanguage },
  } satisfies z.input<typeof wire>);
  if (encoded.length > PRIVATE_METADATA) {
    throw new RangeError(`private_metadata would be ${encoded.length} characters; Slack allows ${PRIVATE_METADATA}.`);
  }
  return encoded;
}

/** The metadata of a run modal, or null when `s` is not one (another view, an older format, tampering). */
export function decodeRunMetadata(s: string): RunModalMetadata | null {
  let json: unknown;
  try {
    json = JSON.parse(s);
  } catch {
    return null;
  }
  const parsed = wire.safeParse(json);
  if (!parsed.success) return null;
  const { p, t, c, u, th, s: sessionId, b } = parsed.data;
  return {
    provider: p,
    taskId: t,
    channelId: c,
    userId: u,
    ...(th !== undefined && { threadTs: th }),
    ...(sessionId !== undefined && { sessionId }),
    ...(b !== undefined && { brand: readBrandWire(b) }),
  };
}

function readBrandWire(b: NonNullable<z.infer<typeof wire>['b']>): BrandSettings {
  return {
    ...(b.to !== undefined && { toneId: b.to }),
    ...(b.au !== undefined && { audienceId: b.au }),
    ...(b.st !== undefined && { styleGuideId: b.st }),
    ...(b.k !== undefined && { knowledgeIds: b.k }),
    ...(b.la !== undefined && { toLanguage: b.la }),
  };
}
