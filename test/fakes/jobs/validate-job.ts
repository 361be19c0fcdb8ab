/** The fake jobs API's checks of a `POST /v1/jobs` body, as jobs-api.txt describes it: each problem named. */
import { isRecord } from '../http/json-fake.js';

export const FAKE_OBSERVED_EVENTS = ['running', 'completed', 'failed', 'cancelled'] as const;

export interface ValidObserver {
  url: string;
  events: string[];
}

export interface ValidJob {
  agent_id: string;
  brief: { objective: string; context?: string; output_schema?: Record<string, unknown>; constraints?: Record<string, unknown> };
  observers: ValidObserver[];
  metadata?: Record<string, unknown>;
}

export function validateJob(body: Record<string, unknown>): { job: ValidJob } | { problems: string[] } {
  const problems: string[] = [];
  const { agent_id, brief, observers, metadata } = body;
  if (typeof agent_id !== 'string' || agent_id.trim() === '') problems.push('agent_id is required');
  if (!isRecord(brief)) problems.push('brief is required: an object with an objective');
  else {
    if (typeof brief.objective !== 'string' || brief.objective.trim() === '') problems.push('brief.objective is required');
    if (brief.context !== undefined && typeof brief.context !== 'string') problems.push('brief.context must be a string');
    if (brief.output_schema !== undefined && !isRecord(brief.output_schema)) problems.push('brief.output_schema must be an object');
    if (brief.constraints !== undefined && !isRecord(brief.constraints)) problems.push('brief.constraints must be an object');
  }
  const valid: ValidObserver[] = [];
  if (observers !== undefined && !Array.isArray(observers)) problems.push('observers must be an array');
  for (const [index, observer] of (Array.isArray(observers) ? observers : []).entries()) {
    const at = `observers[${index}]`;
    if (!isRecord(observer) || observer.type !== 'webhook') {
      problems.push(`${at}.type must be webhook`);
      continue;
    }
    if (typeof observer.url !== 'string' || !/^https?:\/\//.test(observer.url) || !URL.canParse(observer.url)) problems.push(`${at}.url must be an http(s) URL`);
    const events = observer.events;
    if (!Array.isArray(events) || events.length === 0 || events.some((e) => !(FAKE_OBSERVED_EVENTS as readonly unknown[]).includes(e))) {
      problems.push(`${at}.events must list some of: ${FAKE_OBSERVED_EVENTS.join(', ')}`);
    }
    if (typeof observer.url === 'string' && Array.isArray(events)) valid.push({ url: observer.url, events: events.filter((e): e is string => typeof e === 'string') });
  }
  if (metadata !== undefined && !isRecord(metadata)) problems.push('metadata must be an object');
  if (problems.length > 0 || typeof agent_id !== 'string' || !isRecord(brief) || typeof brief.objective !== 'string') return { problems };
  return {
    job: {
      agent_id,
      brief: {
        objective: brief.objective,
        ...(typeof brief.context === 'string' ? { context: brief.context } : {}),
        ...(isRecord(brief.output_schema) ? { output_schema: brief.output_schema } : {}),
        ...(isRecord(brief.constraints) ? { constraints: brief.constraints } : {}),
      },
      observers: valid,
      ...(isRecord(metadata) ? { metadata } : {}),
    },
  };
}
