/**
 * Jasper IQ lists: tones (`GET /tones`), audiences (`GET /audiences?page=&size=`) and style guides (`GET /styles`).
 * Lenient like the other schemas: only `id` is required, unknown fields pass through.
 */
import { z } from 'zod';
import type { BrandOption } from '../types.js';
import { jasperPaginationSchema } from './jasper-schemas.js';

/** `{ id (ton_...), name, value, metadata, settings }`: `value` is the voice itself, in words. */
export const jasperToneSchema = z.looseObject({ id: z.string(), name: z.string().nullish(), value: z.string().nullish() });
export type JasperTone = z.infer<typeof jasperToneSchema>;

/** `{ id, name, coreMessaging, ... }`: no `description` field. */
export const jasperAudienceSchema = z.looseObject({ id: z.string(), name: z.string().nullish(), coreMessaging: z.unknown().optional() });
export type JasperAudience = z.infer<typeof jasperAudienceSchema>;

/** `{ id (sty_...), name, description, customInstructions, terms, rules }`. */
export const jasperStyleSchema = z.looseObject({ id: z.string(), name: z.string().nullish(), description: z.string().nullish() });
export type JasperStyle = z.infer<typeof jasperStyleSchema>;

/** The `{ data: [...] }` envelope, with `pagination` where the endpoint pages. */
export function jasperListSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({ requestId: z.string().nullish(), data: z.array(item), pagination: jasperPaginationSchema.nullish() });
}

export const jasperToneListSchema = jasperListSchema(jasperToneSchema);
export const jasperAudienceListSchema = jasperListSchema(jasperAudienceSchema);
export const jasperStyleListSchema = jasperListSchema(jasperStyleSchema);
export type JasperToneList = z.infer<typeof jasperToneListSchema>;
export type JasperAudienceList = z.infer<typeof jasperAudienceListSchema>;
export type JasperStyleList = z.infer<typeof jasperStyleListSchema>;

function option(id: string, name: string | null | undefined, description: string | null | undefined): BrandOption {
  const out: BrandOption = { id, name: name?.trim() || id };
  if (description?.trim()) out.description = description.trim();
  return out;
}

/** A tone's description is its `value` (the voice, in words). */
export const mapTone = (tone: JasperTone): BrandOption => option(tone.id, tone.name, tone.value);

/** Audiences have no description; their core messaging stands in when it is plain text. */
export const mapAudience = (audience: JasperAudience): BrandOption =>
  option(audience.id, audience.name, typeof audience.coreMessaging === 'string' ? audience.coreMessaging : undefined);

export const mapStyle = (style: JasperStyle): BrandOption => option(style.id, style.name, style.description);

/** A created or changed tone: `{ data: tone }` as Jasper's other answers, or the bare tone. */
export const jasperToneSavedSchema = z.union([z.looseObject({ data: jasperToneSchema }), jasperToneSchema.transform((data) => ({ data }))]);
