/**
 * A pass-through proxy in front of the fake Jasper (test/fakes, unchanged) that notes, on the bench's clock, when a
 * run's stream was asked for, when its first content frame went out to the bot and when the stream ended. Runs are
 * told apart by the tag the bench puts in their Topic input.
 */
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface TappedRequest {
  method: string;
  path: string;
  /** The run's tag (`benchrun...`) when the body carries one. */
  tag?: string;
  at: number;
  headersAt?: number;
  /** When the first content (text) frame was passed to the bot. */
  firstContentAt?: number;
  /** When the upstream response ended (or broke). */
  endAt?: number;
  frames: number;
  contentFrames: number;
  /** The bot closed the connection before the upstream ended (a cancelled run). */
  clientClosed: boolean;
}

export interface JasperTap {
  /** e.g. http://127.0.0.1:PORT/v1 */
  readonly baseURL: string;
  readonly requests: TappedRequest[];
  byTag(tag: string): TappedRequest | undefined;
  clear(): void;
  close(): Promise<void>;
}

export const TAG_PATTERN = /benchrun[0-9a-z]+/;

export async function startJasperTap(upstreamBaseURL: string): Promise<JasperTap> {
  const upstream = new URL(upstreamBaseURL);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4096 });
  const requests: TappedRequest[] = [];
  const tagged = new Map<string, TappedRequest>();

  const server = http.createServer((req, res) => {
    void readAll(req).then((body) => {
      const text = body.toString('utf8');
      const tag = TAG_PATTERN.exec(text)?.[0];
      const record: TappedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', at: performance.now(), frames: 0, contentFrames: 0, clientClosed: false, ...(tag ? { tag } : {}) };
      requests.push(record);
      if (tag) tagged.set(tag, record);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && name !== 'host' && name !== 'connection') headers[name] = value;
      headers['content-length'] = String(body.length);
      const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (answer) => {
        record.headersAt = performance.now();
        const h: Record<string, string> = {};
        for (const [name, value] of Object.entries(answer.headers)) if (typeof value === 'string' && name !== 'connection' && name !== 'transfer-encoding') h[name] = value;
        res.writeHead(answer.statusCode ?? 502, h);
        answer.on('data', (chunk: Buffer) => {
          const s = chunk.toString('utf8');
          const frames = count(s, 'event: message');
          record.frames += frames;
          // Content frames carry the role; step frames do not.
          const content = count(s, '"role":"JASPER"');
          if (content > 0 && record.firstContentAt === undefined) record.firstContentAt = performance.now();
          record.contentFrames += content;
          res.write(chunk);
        });
        answer.on('end', () => {
          record.endAt = performance.now();
          res.end();
        });
        answer.on('error', () => {
          record.endAt ??= performance.now();
          res.destroy();
        });
      });
      out.on('error', () => {
        record.endAt ??= performance.now();
        res.destroy();
      });
      res.on('close', () => {
        if (!res.writableFinished) {
          record.clientClosed = true;
          out.destroy();
        }
      });
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/+$/, '')}`,
    requests,
    byTag: (tag) => tagged.get(tag),
    clear() {
      requests.length = 0;
      tagged.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n += 1;
  return n;
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}
