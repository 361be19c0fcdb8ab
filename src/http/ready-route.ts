import type { CustomRoute } from '@slack/bolt';
import type { KeyValueStore } from '../store/key-value-store.js';
import { writeJson } from './json-response.js';

export interface ReadyRouteOptions {
  /** True from the shutdown signal on: the load balancer should send this replica nothing new. */
  draining: () => boolean;
}

/** `GET /readyz`: 200 `{ ready: true }` when this replica should get traffic, else 503 `{ ready: false, reason }`. */
export function readyRoute(store: Pick<KeyValueStore, 'kind' | 'ping'>, options: ReadyRouteOptions): CustomRoute {
  return {
    path: '/readyz',
    method: ['GET'],
    handler: (_req, res) => {
      if (options.draining()) return writeJson(res, 503, { ready: false, reason: 'draining' });
      void store.ping().then((reachable) =>
        reachable ? writeJson(res, 200, { ready: true }) : writeJson(res, 503, { ready: false, reason: 'store unreachable' }),
      );
    },
  };
}
