import { asProviderError } from '../../providers/errors.js';
import { upstreamUnavailable, type FailingAgent } from './upstream-unavailable.js';

/**
 * What a person is told when a Jasper feature failed. A 404 from an endpoint Jasper's current API description no longer
 * lists (style apply, keep writing) means the workspace's Jasper does not offer it any more: said so, instead of an
 * error that suggests trying again. `feature` reads after "offers", e.g. "rewriting with a style guide".
 */
export function featureError(error: unknown, who: FailingAgent, feature: string, what: string, retiredOn404 = false): string {
  const problem = asProviderError(error);
  const agent = who.displayName;
  if (retiredOn404 && problem.code === 'not_found') return `Your workspace's ${agent} no longer offers ${feature}, so I can't ${what}.`;
  if (problem.code === 'bad_request') return `${agent} refused it: ${problem.message}`;
  return upstreamUnavailable(problem, who, what);
}
