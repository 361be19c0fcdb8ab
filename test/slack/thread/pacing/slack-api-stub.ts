import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubAnswer {
  status?: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

/** A local Slack Web API: `answer` decides each call of `POST /api/<method>` from its form-encoded arguments. */
export async function startSlackApiStub(answer: (method: string, args: URLSearchParams) => StubAnswer) {
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const reply = answer(request.url?.replace(/^\/api\//, '') ?? '', new URLSearchParams(body));
      response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
