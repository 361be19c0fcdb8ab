/**
 * A proxy in front of the fake Slack Web API (test/fakes, unchanged) that
 *  - enforces Slack's per-channel write rate (about one write a second, short bursts allowed) with a token bucket per
 *    channel, answering HTTP 429 with `Retry-After` as Slack does, and
 *  - records every call with a high-resolution receive time (performance.now(), the bench's clock), the channel/ts/
 *    thread_ts/trigger_id it names, the ts Slack answered with, and the text of its arguments (for matching output).
 * The fake records calls too, but only at answer time, in Date.now() milliseconds and without per-channel limits.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** Methods that write into a channel and count against its rate. */
export const CHANNEL_WRITES = new Set(['chat.postMessage', 'chat.update', 'chat.startStream', 'chat.appendStream', 'chat.stopStream', 'chat.postEphemeral', 'chat.delete', 'chat.meMessage']);
/** The writes Slack documents its ~1 a second per channel for: posting messages. */
export const CHANNEL_POSTS = new Set(['chat.postMessage', 'chat.meMessage']);

/**
 * Slack's per-method tiers, per workspace (docs: Tier 2 = 20+/min, Tier 3 = 50+/min, Tier 4 = 100+/min; api-docs/
 * slack-limits.md), for the methods a run uses. The gate lets a minute's worth through at once (Slack allows bursts).
 */
export const METHOD_TIERS: Readonly<Record<string, number>> = {
  'chat.startStream': 20,
  'chat.stopStream': 20,
  'chat.update': 50,
  'chat.appendStream': 100,
  'chat.postEphemeral': 100,
  'chat.delete': 50,
  'views.open': 100,
  'views.update': 100,
  'views.publish': 100,
};

/** A request header naming the app a call is from: Slack's limits are per app, so each app has its own buckets. */
export const APP_HEADER = 'x-bench-app';

export interface GateCall {
  method: string;
  /** performance.now() when the request arrived. */
  at: number;
  /** performance.now() when the answer was sent. */
  doneAt: number;
  channel?: string;
  ts?: string;
  threadTs?: string;
  triggerId?: string;
  /** The decoded argument values, joined (for finding a run's tag or its output text). */
  text: string;
  status: number;
  /** Answered 429 by the gate (never reached the fake). */
  limited: boolean;
  /** Which rule answered 429: the channel's rate or the method's tier. */
  limitedBy?: 'channel' | 'tier';
  ok?: boolean;
  error?: string;
  responseTs?: string;
  responseChannel?: string;
}

export interface ChannelLimit {
  enabled: boolean;
  /** Writes per second per channel, sustained. */
  perSecond: number;
  /** Writes a channel may make at once after a quiet spell. */
  burst: number;
  /** 'posts': chat.postMessage only (Slack's documented rule, the default); 'writes': every chat write counts (stricter). */
  counts: 'writes' | 'posts';
  /** Workspace-wide per-method tiers (METHOD_TIERS) on top of the channel rate. */
  tiers: boolean;
  /** Multiplies the tiers (as for an app Slack granted more; the bot is told the same with SLACK_RATE_SCALE). */
  tierScale?: number;
}

export interface SlackGate {
  /** http://127.0.0.1:PORT/api/ — give it to the bot as SLACK_API_URL. */
  readonly apiUrl: string;
  readonly calls: GateCall[];
  limit: ChannelLimit;
  /** Forgets the calls (and the buckets, so a scenario starts with full bursts). */
  clear(): void;
  close(): Promise<void>;
}

export async function startSlackGate(upstreamUrl: string, limit: ChannelLimit): Promise<SlackGate> {
  const upstream = new URL(upstreamUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const calls: GateCall[] = [];
  const buckets = new Map<string, { tokens: number; at: number }>();
  const gate = { limit };

  /** Seconds to wait before `key` may write again; 0 when the write may go now (and is counted). */
  function take(key: string, perSecond: number, burst: number, now: number): number {
    const b = buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
  }

  /** Like take, without taking. */
  function peek(key: string, perSecond: number, burst: number, now: number): number {
    const b = buckets.get(key) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / perSecond));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'bench_gate_error', detail: String(error) }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const body = await readAll(req);
    const url = new URL(req.url ?? '/', 'http://gate.invalid');
    const method = url.pathname.startsWith('/api/') ? url.pathname.slice('/api/'.length) : '';
    const args = decodeArgs(req.headers['content-type'], body, url.searchParams);
    const call: GateCall = {
      method,
      at,
      doneAt: at,
      ...pick(args, 'channel', 'channel'),
      ...pick(args, 'ts', 'ts'),
      ...pick(args, 'thread_ts', 'threadTs'),
      ...pick(args, 'trigger_id', 'triggerId'),
      text: Object.entries(args)
        .filter(([k]) => k !== 'token')
        .map(([, v]) => v)
        .join('\n'),
      status: 0,
      limited: false,
    };
    calls.push(call);

    const limit = gate.limit;
    if (limit.enabled) {
      const counted = limit.counts === 'posts' ? CHANNEL_POSTS : CHANNEL_WRITES;
      const published = limit.tiers ? METHOD_TIERS[method] : undefined;
      const tier = published && published * (limit.tierScale ?? 1);
      // Both rules are checked before either takes a token, so a refused call costs nothing.
      const app = typeof req.headers[APP_HEADER] === 'string' ? req.headers[APP_HEADER] : 'bot';
      const channelKey = counted.has(method) && call.channel ? `${app} channel:${call.channel}` : undefined;
      const tierKey = `${app} method:${method}`;
      const channelWait = channelKey ? peek(channelKey, limit.perSecond, limit.burst, at) : 0;
      const tierWait = tier ? peek(tierKey, tier / 60, tier, at) : 0;
      if (channelWait > 0 || tierWait > 0) {
        const wait = Math.max(channelWait, tierWait);
        const text = JSON.stringify({ ok: false, error: 'ratelimited' });
        res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(wait), 'content-length': Buffer.byteLength(text) });
        res.end(text);
        Object.assign(call, { status: 429, limited: true, limitedBy: channelWait > 0 ? 'channel' : 'tier', ok: false, error: 'ratelimited', doneAt: performance.now() });
        return;
      }
      if (channelKey) take(channelKey, limit.perSecond, limit.burst, at);
      if (tier) take(tierKey, tier / 60, tier, at);
    }

    const answer = await forward(req, body);
    call.status = answer.status;
    call.doneAt = performance.now();
    try {
      const json = JSON.parse(answer.body.toString('utf8')) as { ok?: boolean; error?: string; ts?: string; channel?: string };
      call.ok = json.ok;
      if (json.error) call.error = json.error;
      if (typeof json.ts === 'string') call.responseTs = json.ts;
      if (typeof json.channel === 'string') call.responseChannel = json.channel;
    } catch {
      // Not JSON: nothing to note.
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'authorization', 'user-agent', 'accept']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      headers['content-length'] = String(body.length);
      const out = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const h: Record<string, string> = {};
            for (const name of ['content-type', 'retry-after']) {
              const value = answer.headers[name];
              if (typeof value === 'string') h[name] = value;
            }
            resolve({ status: answer.statusCode ?? 502, headers: h, body: Buffer.concat(parts) });
          });
          answer.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    get limit() {
      return gate.limit;
    },
    set limit(next: ChannelLimit) {
      gate.limit = next;
    },
    clear() {
      calls.length = 0;
      buckets.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}

function pick(args: Record<string, string>, key: string, as: keyof GateCall): Partial<GateCall> {
  const value = args[key];
  return typeof value === 'string' && value !== '' ? { [as]: value } : {};
}

/** Form or JSON arguments as strings (JSON-valued fields stay JSON text). */
function decodeArgs(contentType: string | undefined, body: Buffer, query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(query);
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  const text = body.toString('utf8');
  if (type === 'application/json') {
    try {
      for (const [k, v] of Object.entries(JSON.parse(text) as Record<string, unknown>)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
    } catch {
      out.body = text;
    }
  } else if (type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  } else if (text) {
    out.body = text;
  }
  return out;
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}
