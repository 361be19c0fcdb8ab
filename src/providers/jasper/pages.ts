/** Jasper's page-number pagination, shared by every paged list (tasks, audiences, knowledge, templates). */
import type { JasperPagination } from './jasper-schemas.js';

/** 100 pages of 100 items: far past any real workspace, short of an endless loop. */
export const MAX_PAGES = 100;

export interface PageWarner {
  warn(message: string, details?: Record<string, unknown>): void;
}

/** `pagination.next` as a page number (a string in the OpenAPI description), or undefined on the last page. */
export function nextPage(pagination: JasperPagination | null | undefined): number | undefined {
  const next = Number(pagination?.next ?? Number.NaN);
  return Number.isInteger(next) && next > 0 ? next : undefined;
}

/**
 * Reads every page: `fetchPage(1)` first, then each `pagination.next` until there is none, a page is empty, a page
 * comes round again, or MAX_PAGES were read (then it warns and returns what it has).
 */
export async function readAllPages<T>(
  what: string,
  fetchPage: (page: number) => Promise<{ data: T[]; pagination?: JasperPagination | null }>,
  logger?: PageWarner,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<number>();
  let page: number | undefined = 1;
  while (page !== undefined && !seen.has(page) && seen.size < MAX_PAGES) {
    seen.add(page);
    const list = await fetchPage(page);
    items.push(...list.data);
    page = list.data.length > 0 ? nextPage(list.pagination) : undefined;
  }
  if (page !== undefined) logger?.warn(`Jasper ${what} pagination did not end; stopped`, { page, pagesRead: seen.size });
  return items;
}
