import type { CustomRoute } from '@slack/bolt';
import type { KeyValueStore } from '../store/key-value-store.js';

/** `GET /healthz`: 200 while the process serves requests; the body says whether the session store answers. */
export function healthRoute(store: KeyValueStore): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      void store.ping().then((reachable) => {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ ok: true, store: { kind: store.kind, reachable } }));
      });
    },
  };
}
