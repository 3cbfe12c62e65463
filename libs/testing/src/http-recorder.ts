import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body as JSON, when it is. */
  json?: unknown;
}

export interface HttpRecorder {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests(): RecordedRequest[];
  /** The first request (received or still to come) that matches, within `timeoutMs`. */
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that keeps every request it receives and answers with what
 * `answer` says (200 `{}` by default; `'hang'` leaves the request open): the stand-in for a third party — an SMS gateway, the
 * WhatsApp Cloud API, a sandbox sink, an agency's webhook receiver.
 */
export async function startHttpRecorder(
  answer: (r: RecordedRequest) => { status: number; body?: unknown } | 'hang' = () => ({ status: 200, body: {} }),
): Promise<HttpRecorder> {
  const received: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json };
      received.push(recorded);
      const answered = answer(recorded);
      // A provider that never answers (the caller may be killed meanwhile): the request stays open.
      if (answered === 'hang') return;
      const { status, body: out } = answered;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(out ?? {}));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests: () => [...received],
    waitFor: async (match, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching request at ${url} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
