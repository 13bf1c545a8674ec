/**
 * The load generator of bench:api (bench/api-bench.ts), in a process of its own so the server's
 * process does nothing but serve: `connections` clients, each with its own keep-alive connection
 * (undici's Pool), send one request after another for `durationS` seconds, taking the scenario's
 * requests in turn. Every response body is read to its end; a latency runs from the request to the
 * body's last byte. Non-2xx answers and socket errors are counted, never retried.
 *
 *   node dist/bench/api-load.js '{"base":"http://127.0.0.1:PORT","scenarios":[…]}'
 *
 * Prints one JSON line: per scenario, per request name, the count, bytes and latencies.
 */
import { Pool } from 'undici';

export interface LoadRequest {
  name: string;
  path: string;
}

export interface Scenario {
  name: string;
  requests: LoadRequest[];
  connections: number;
  /** Seconds to run; 0: each request once, in turn, by the clients (a timed single pass). */
  durationS: number;
}

export interface LoadConfig {
  base: string;
  /** Send Accept-Encoding: gzip, br, as a browser does. */
  compressed: boolean;
  scenarios: Scenario[];
}

export interface NameResult {
  name: string;
  requests: number;
  non2xx: number;
  errors: number;
  bytes: number;
  /** Latency quantiles in ms (to the body's last byte). */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  firstError: string | null;
}

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : NaN;
}

export interface ScenarioResult {
  name: string;
  connections: number;
  seconds: number;
  byName: NameResult[];
}

async function runScenario(base: string, compressed: boolean, s: Scenario): Promise<ScenarioResult> {
  const pool = new Pool(base, { connections: s.connections, pipelining: 1, keepAliveTimeout: 60_000, bodyTimeout: 600_000, headersTimeout: 600_000 });
  const headers: Record<string, string> = { accept: 'application/json', ...(compressed ? { 'accept-encoding': 'gzip, br' } : {}) };
  const lat = new Map<string, number[]>(s.requests.map((r) => [r.name, []]));
  const by = new Map<string, NameResult>(s.requests.map((r) => [r.name, { name: r.name, requests: 0, non2xx: 0, errors: 0, bytes: 0, p50Ms: NaN, p95Ms: NaN, p99Ms: NaN, maxMs: NaN, firstError: null }]));
  const one = async (r: LoadRequest, record: boolean): Promise<void> => {
    const t0 = performance.now();
    const res = by.get(r.name)!;
    try {
      const out = await pool.request({ path: r.path, method: 'GET', headers });
      let n = 0;
      for await (const chunk of out.body) n += (chunk as Buffer).length;
      if (!record) return;
      lat.get(r.name)!.push(performance.now() - t0);
      res.requests++;
      res.bytes += n;
      if (out.statusCode < 200 || out.statusCode > 299) {
        res.non2xx++;
        res.firstError ??= `HTTP ${out.statusCode} for ${r.path}`;
      }
    } catch (e) {
      if (!record) throw e;
      res.errors++;
      res.firstError ??= `${(e as Error).message} for ${r.path}`;
    }
  };
  // Warm-up: the first request of each name once (the JIT, the database's cache, the server's first-call work).
  if (s.durationS > 0) for (const r of new Map(s.requests.map((x) => [x.name, x])).values()) await one(r, false);
  let next = 0;
  const t0 = performance.now();
  const end = t0 + s.durationS * 1000;
  const client = async (): Promise<void> => {
    if (s.durationS === 0) {
      while (next < s.requests.length) await one(s.requests[next++]!, true);
      return;
    }
    while (performance.now() < end) await one(s.requests[next++ % s.requests.length]!, true);
  };
  await Promise.all(Array.from({ length: s.connections }, client));
  const seconds = (performance.now() - t0) / 1000;
  await pool.close();
  for (const r of by.values()) {
    const xs = lat.get(r.name)!.sort((a, b) => a - b);
    Object.assign(r, { p50Ms: quantile(xs, 0.5), p95Ms: quantile(xs, 0.95), p99Ms: quantile(xs, 0.99), maxMs: xs[xs.length - 1] ?? NaN });
  }
  return { name: s.name, connections: s.connections, seconds, byName: [...by.values()] };
}

// The configuration comes on stdin: tens of thousands of request paths are past the size of a command line (E2BIG).
const chunks: Buffer[] = [];
for await (const c of process.stdin) chunks.push(c as Buffer);
const cfg = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as LoadConfig;
const results: ScenarioResult[] = [];
for (const s of cfg.scenarios) results.push(await runScenario(cfg.base, cfg.compressed, s));
process.stdout.write(`${JSON.stringify(results)}\n`);
