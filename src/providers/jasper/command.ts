/**
 * `POST /v1/command` for an instruction on a text: `{ inputs: { command, context?, retrievalAddOn? }, options? }` ->
 * 201 `{ data: [{ id, text }] }` (jasper-api-notes.md). Web search is `retrievalAddOn: "webSearch"` with
 * `options.webSearch.searchQuery` (the instruction, within the query length we assume sensible) and `maxResults` (1-5).
 */
import type { CommandRequest } from '../types.js';

export interface JasperCommandBody {
  inputs: { command: string; context?: string; retrievalAddOn?: 'webSearch' };
  options?: {
    outputLanguage?: string;
    languageFormality?: 'default' | 'more' | 'less';
    webSearch?: { searchQuery: string; maxResults: number };
  };
}

const SEARCH_QUERY_MAX = 400;
const SEARCH_RESULTS = 3;

export function buildCommandBody(request: CommandRequest): JasperCommandBody {
  const inputs: JasperCommandBody['inputs'] = { command: request.command };
  if (request.context?.trim()) inputs.context = request.context;
  const options: NonNullable<JasperCommandBody['options']> = {};
  if (request.outputLanguage) options.outputLanguage = request.outputLanguage;
  if (request.formality && request.formality !== 'default') options.languageFormality = request.formality;
  if (request.webSearch) {
    inputs.retrievalAddOn = 'webSearch';
    options.webSearch = { searchQuery: request.command.slice(0, SEARCH_QUERY_MAX), maxResults: SEARCH_RESULTS };
  }
  return Object.keys(options).length > 0 ? { inputs, options } : { inputs };
}
