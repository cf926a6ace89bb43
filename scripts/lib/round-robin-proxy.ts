/**
 * A small round-robin HTTP proxy for `npm run bench:api` (issue 18: two Strapi nodes on one PostgreSQL
 * behind a load balancer). node:http only, keep-alive to the upstreams, request i goes to upstream
 * i mod n — what nginx's default upstream does, without another program on the machine. Measuring one
 * node through the same proxy gives the baseline, so the proxy's own cost cancels out of the factor.
 */
import http from 'http';

export interface RoundRobinProxy {
  url: string;
  /** requests sent to each upstream, in the order given */
  counts: number[];
  /** answers the proxy had to make itself (upstream unreachable) */
  failures: number;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

export async function startRoundRobinProxy(upstreams: readonly string[], opts: { maxSockets?: number } = {}): Promise<RoundRobinProxy> {
  if (!upstreams.length) throw new Error('至少需要一个上游节点');
  const targets = upstreams.map((u) => new URL(u));
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 64 });
  const state = { next: 0, counts: targets.map(() => 0), failures: 0 };
  const server = http.createServer((req, res) => {
    const i = state.next;
    state.next = (i + 1) % targets.length;
    state.counts[i]++;
    const t = targets[i];
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
    headers.host = t.host;
    const up = http.request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers, agent }, (ur) => {
      const out: http.OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(ur.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
      res.writeHead(ur.statusCode ?? 502, out);
      ur.pipe(res);
    });
    up.on('error', () => {
      state.failures++;
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('上游节点不可达');
    });
    req.pipe(up);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get counts() {
      return [...state.counts];
    },
    get failures() {
      return state.failures;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
