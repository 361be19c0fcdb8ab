/**
 * `listBrandOptions(kind)`: tones (`GET /tones`), audiences (`GET /audiences?page=&size=`, paged) and style guides
 * (`GET /styles`). Only audiences document paging, so only they are asked for pages up front; a tone or style list that
 * answers with a `pagination.next` anyway is followed too.
 */
import type { BrandOption, BrandOptionKind } from '../types.js';
import { mapAudience, mapStyle, mapTone } from './brand-schemas.js';
import type { JasperClient } from './jasper-client.js';
import type { ProviderLogger } from './map-jasper-task.js';
import { readAllPages } from './pages.js';

const AUDIENCE_PAGE_SIZE = 100;

export async function listBrandOptions(client: JasperClient, kind: BrandOptionKind, signal?: AbortSignal, logger?: ProviderLogger): Promise<BrandOption[]> {
  const unpaged = (page: number) => (page === 1 ? {} : { page });
  let options: BrandOption[];
  switch (kind) {
    case 'tone':
      options = (await readAllPages('tone', (page) => client.listTones(unpaged(page), signal), logger)).map(mapTone);
      break;
    case 'audience':
      options = (await readAllPages('audience', (page) => client.listAudiences({ page, size: AUDIENCE_PAGE_SIZE }, signal), logger)).map(mapAudience);
      break;
    case 'style':
      options = (await readAllPages('style guide', (page) => client.listStyles(unpaged(page), signal), logger)).map(mapStyle);
      break;
    default: {
      const never: never = kind;
      throw new Error(`Unknown brand option kind: ${String(never)}`);
    }
  }
  // One entry per id, first seen wins (pages may overlap when items are added while reading).
  const seen = new Set<string>();
  return options.filter((o) => !seen.has(o.id) && seen.add(o.id));
}
