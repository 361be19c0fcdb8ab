import type { CustomRoute } from '@slack/bolt';
import type { Metrics } from './metrics.js';

/** `GET /metrics`: the Prometheus exposition of this process (scrape each replica, not the load balancer). */
export function metricsRoute(metrics: Metrics): CustomRoute {
  return {
    path: '/metrics',
    method: ['GET'],
    handler: (_req, res) => {
      metrics.render().then(
        (body) => {
          res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
          res.end(body);
        },
        () => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('metrics could not be collected');
        },
      );
    },
  };
}
