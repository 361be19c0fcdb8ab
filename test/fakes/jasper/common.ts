/** What every route of the fake Jasper shares: its refusals, query checks and pagination. */
import { randomUUID } from 'node:crypto';

export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

/** Jasper's 400 (NestJS validation): `{ statusCode: 400, message: string | string[], error: 'Bad Request' }`. */
export function badRequest(messages: string | string[]): HttpFailure {
  return new HttpFailure(400, { statusCode: 400, message: messages, error: 'Bad Request' });
}

export const notFound = (message: string) => new HttpFailure(404, { statusCode: 404, message, error: 'Not Found' });

export function optionalInt(params: URLSearchParams, name: string, min: number, max?: number): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value)) throw badRequest(`${name} must be an integer number`);
  if (value < min) throw badRequest(`${name} must not be less than ${min}`);
  if (max !== undefined && value > max) throw badRequest(`${name} must not be greater than ${max}`);
  return value;
}

export function optionalBool(params: URLSearchParams, name: string): boolean {
  const raw = params.get(name);
  if (raw === null) return false;
  if (raw !== 'true' && raw !== 'false') throw badRequest(`${name} must be a boolean value`);
  return raw === 'true';
}

/** Jasper's validation refuses query parameters an endpoint does not declare (`forbidNonWhitelisted`). */
export function rejectUnknownQuery(params: URLSearchParams, allowed: readonly string[]): void {
  const unknown = [...new Set(params.keys())].filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw badRequest(unknown.map((k) => `property ${k} should not exist`));
}

/** One page of a list, with Jasper's `pagination` (`next` and `prev` as page numbers in strings, or null). */
export function paged<T>(items: T[], page: number, size: number, resource: string) {
  const start = (page - 1) * size;
  return {
    requestId: randomUUID(),
    resource,
    data: items.slice(start, start + size),
    pagination: { totalRecords: items.length, page, pageSize: size, next: start + size < items.length ? String(page + 1) : null, prev: page > 1 ? String(page - 1) : null },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
