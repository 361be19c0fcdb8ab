import type { CustomRoute } from '@slack/bolt';
import type { KeyValueStore } from '../store/key-value-store.js';
import { writeJson } from './json-response.js';

/** Whether this process works on runs (`enabled`) and, if so, whether its worker is connected to the queue. */
export interface WorkerStatus {
  enabled: boolean;
  connected: boolean;
}

export interface HealthRouteOptions {
  /** Read at each request; without it the body has no `worker` field. */
  worker?: () => WorkerStatus;
}

/**
 * `GET /healthz`: 200 while the process serves requests (a liveness check: restarting the process would not help a
 * store that is down, so that is said in the body, not in the status).
 */
export function healthRoute(store: Pick<KeyValueStore, 'kind' | 'ping'>, options: HealthRouteOptions = {}): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      void store.ping().then((reachable) => {
        const worker = options.worker?.();
        writeJson(res, 200, { ok: true, store: { kind: store.kind, reachable }, ...(worker ? { worker } : {}) });
      });
    },
  };
}
