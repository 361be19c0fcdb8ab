/**
 * A tiny load balancer in front of bot replicas: each request goes to the next replica in turn, and one that refuses
 * the connection (killed) is skipped. `PUBLIC_URL` points here, so a provider's webhook reaches some live replica,
 * usually not the one that started the job.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Forwarder {
  url: string;
  /** Which replica ports may be tried, asked anew for each request. */
  setTargets(ports: () => number[]): void;
  /** The port each forwarded request landed on, in order. */
  landed: number[];
  close(): Promise<void>;
}

export async function startForwarder(): Promise<Forwarder> {
  let targets: () => number[] = () => [];
  let next = 0;
  const landed: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void forward(req, Buffer.concat(chunks)).then(
        async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        },
        () => void res.writeHead(502).end(),
      );
    });
  });

  async function forward(req: http.IncomingMessage, body: Buffer): Promise<Response> {
    const ports = targets();
    for (let tried = 0; tried < ports.length; tried++) {
      const port = ports[next++ % ports.length]!;
      try {
        const answer = await fetch(`http://127.0.0.1:${port}${req.url ?? '/'}`, {
          method: req.method,
          headers: { 'content-type': req.headers['content-type'] ?? 'application/octet-stream' },
          ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
        });
        landed.push(port);
        return answer;
      } catch {
        // Refused: that replica is down; the next one gets it.
      }
    }
    throw new Error('no replica answered');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setTargets: (ports) => void (targets = ports),
    landed,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
