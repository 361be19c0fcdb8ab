import { afterEach, describe, expect, it } from 'vitest';
import { register as globalRegistry } from 'prom-client';
import { Metrics } from '../../src/http/metrics.js';
import { metricsRoute } from '../../src/http/metrics-route.js';
import { serveRoutes } from '../../src/http/serve-routes.js';

describe('Metrics', () => {
  it('exposes runs, queue, Slack and process metrics with their labels after calls', async () => {
    const metrics = new Metrics();
    metrics.runFinished('jasper', 'done', 42);
    metrics.runFinished('jasper', 'failed', 3);
    metrics.runStarted(0.3);
    metrics.slackCall('chat.postMessage', 'ok');
    metrics.slackCall('chat.update', 'rate_limited');
    metrics.slackRateLimited('chat.update');
    metrics.setQueueDepth(async () => 7);
    metrics.setActiveRuns(() => 3);

    const text = await metrics.render();
    expect(text).toContain('jsb_runs_total{provider="jasper",outcome="done"} 1');
    expect(text).toContain('jsb_runs_total{provider="jasper",outcome="failed"} 1');
    expect(text).toContain('jsb_run_duration_seconds_bucket{le="60",provider="jasper",outcome="done"} 1');
    expect(text).toContain('jsb_run_duration_seconds_bucket{le="1800",provider="jasper",outcome="done"} 1');
    expect(text).toContain('jsb_run_queue_wait_seconds_count 1');
    expect(text).toContain('jsb_slack_calls_total{method="chat.postMessage",status="ok"} 1');
    expect(text).toContain('jsb_slack_calls_total{method="chat.update",status="rate_limited"} 1');
    expect(text).toContain('jsb_slack_rate_limited_total{method="chat.update"} 1');
    expect(text).toContain('jsb_run_queue_depth 7');
    expect(text).toContain('jsb_runs_active 3');
    expect(text).toMatch(/^jsb_nodejs_eventloop_lag_seconds /m);
    expect(text).toMatch(/^jsb_nodejs_heap_size_used_bytes /m);
    // Every metric carries the prefix, and nothing landed in prom-client's global registry.
    expect(text.split('\n').filter((line) => line.startsWith('# TYPE ') && !line.startsWith('# TYPE jsb_'))).toEqual([]);
    expect(await globalRegistry.metrics()).not.toContain('jsb_');
  });

  it('keeps the scrape whole when the queue depth cannot be read, keeping the last value read', async () => {
    const metrics = new Metrics();
    let depth: () => Promise<number> = async () => 4;
    metrics.setQueueDepth(() => depth());
    expect(await metrics.render()).toContain('jsb_run_queue_depth 4');

    depth = () => Promise.reject(new Error('Redis is down'));
    expect(await metrics.render()).toContain('jsb_run_queue_depth 4');

    depth = () => new Promise<number>(() => {}); // a Redis that never answers
    const started = Date.now();
    const text = await metrics.render();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(text).toContain('jsb_run_queue_depth 4');
    expect(text).toContain('jsb_runs_total');
  });
});

describe('GET /metrics', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it("answers with prom-client's content type and the exposition text", async () => {
    const metrics = new Metrics();
    metrics.runFinished('jasper', 'cancelled', 12);
    const server = await serveRoutes([metricsRoute(metrics)]);
    close = server.close;

    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(metrics.contentType);
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await response.text()).toContain('jsb_runs_total{provider="jasper",outcome="cancelled"} 1');
  });
});
